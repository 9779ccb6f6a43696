import { isDependencyUnavailable } from './unavailable';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it.each([
    ['pg admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['pg crash shutdown', withCode('terminating connection because of crash of another server process', '57P02')],
    ['pg cannot connect now', withCode('the database system is starting up', '57P03')],
    ['pg connection failure', withCode('connection failure', '08006')],
    ['refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg terminated', new Error('Connection terminated unexpectedly')],
    ['pg-pool timeout', new Error('timeout exceeded when trying to connect')],
    ['ioredis closed', new Error('Connection is closed.')],
    ['ioredis offline', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis retries', Object.assign(new Error('Reached the max retries per request limit (which is 2).'), { name: 'MaxRetriesPerRequestError' })],
    ['a driver error wrapped by TypeORM', Object.assign(new Error('terminating connection'), { driverError: withCode('terminating connection', '57P01') })],
    ['a cause', new Error('login failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })],
    ['an aggregate', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'all failed')],
  ])('recognises %s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a serialization failure', withCode('could not serialize access', '40001')],
    ['a type error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'Connection'],
    ['null', null],
  ])('leaves %s alone', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
