import { handlerProblems, jobContextOf } from './job-runs';

describe('jobContextOf', () => {
  it('numbers attempts from 1 and knows the last one', () => {
    expect(jobContextOf({ id: 'j1', name: 'trace-request.answer', attemptsMade: 0, opts: { attempts: 5 } })).toEqual({
      jobId: 'j1',
      name: 'trace-request.answer',
      attempt: 1,
      maxAttempts: 5,
      finalAttempt: false,
    });
    expect(jobContextOf({ id: 'j1', name: 'x', attemptsMade: 4, opts: { attempts: 5 } })).toMatchObject({ attempt: 5, finalAttempt: true });
  });

  it('treats a job without retries as always on its final attempt', () => {
    expect(jobContextOf({ name: 'x', attemptsMade: 0, opts: {} })).toMatchObject({ attempt: 1, maxAttempts: 1, finalAttempt: true });
  });
});

describe('handlerProblems', () => {
  const jobs = ['a', 'b', 'c'];

  it('accepts exactly one handler per job', () => {
    expect(handlerProblems(jobs, [{ name: 'a', owner: 'A.run' }, { name: 'b', owner: 'B.run' }, { name: 'c', owner: 'C.run' }])).toEqual([]);
  });

  it('names each job without a handler, with several, and each handler of no job', () => {
    expect(
      handlerProblems(jobs, [
        { name: 'a', owner: 'A.run' },
        { name: 'a', owner: 'Other.run' },
        { name: 'c', owner: 'C.run' },
        { name: 'z', owner: 'Z.run' },
      ]),
    ).toEqual([
      'job "a" has 2 handlers: A.run, Other.run',
      'job "b" has no @JobHandler',
      '@JobHandler("z") on Z.run names no job',
    ]);
  });

  it('accepts at most one @JobAbandoned method per job, and none for a name that is no job', () => {
    const handlers = [{ name: 'a', owner: 'A.run' }, { name: 'b', owner: 'B.run' }, { name: 'c', owner: 'C.run' }];
    expect(handlerProblems(jobs, handlers, [{ name: 'a', owner: 'A.abandoned' }])).toEqual([]);
    expect(
      handlerProblems(jobs, handlers, [
        { name: 'a', owner: 'A.abandoned' },
        { name: 'a', owner: 'Other.abandoned' },
        { name: 'z', owner: 'Z.abandoned' },
      ]),
    ).toEqual(['job "a" has 2 @JobAbandoned methods: A.abandoned, Other.abandoned', '@JobAbandoned("z") on Z.abandoned names no job']);
  });
});
