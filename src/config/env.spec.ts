import { Transform } from 'class-transformer';
import { IsIn, IsInt, Matches, Min } from 'class-validator';
import { ConfigurationError, parseEnv, validateAll } from './env';

class SampleEnv {
  @Matches(/^postgres:\/\//, { message: 'SAMPLE_URL must be a postgres:// URL' })
  SAMPLE_URL = 'postgres://localhost/db';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SAMPLE_PORT = 3000;

  @IsIn(['a', 'b'])
  SAMPLE_MODE = 'a';
}

describe('parseEnv', () => {
  it('applies defaults for unset and empty variables', () => {
    expect(parseEnv(SampleEnv, { SAMPLE_MODE: '' })).toMatchObject({ SAMPLE_URL: 'postgres://localhost/db', SAMPLE_PORT: 3000, SAMPLE_MODE: 'a' });
  });

  it('converts and keeps given values', () => {
    expect(parseEnv(SampleEnv, { SAMPLE_PORT: '8080', SAMPLE_MODE: 'b' })).toMatchObject({ SAMPLE_PORT: 8080, SAMPLE_MODE: 'b' });
  });

  it('names every bad variable in one error', () => {
    try {
      parseEnv(SampleEnv, { SAMPLE_URL: 'mysql://x', SAMPLE_PORT: 'eighty', SAMPLE_MODE: 'c' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain('SAMPLE_URL must be a postgres:// URL');
      expect(message).toContain('SAMPLE_PORT');
      expect(message).toContain('SAMPLE_MODE');
    }
  });
});

describe('validateAll', () => {
  it('gathers the problems of every concern', () => {
    const failing = (name: string) => (): never => {
      throw new ConfigurationError([`${name} is wrong`]);
    };
    expect(() => validateAll({}, [failing('A'), () => undefined, failing('B')])).toThrow(/A is wrong[\s\S]*B is wrong/);
  });

  it('lets unexpected errors through unchanged', () => {
    const boom = new RangeError('boom');
    expect(() =>
      validateAll({}, [
        () => {
          throw boom;
        },
      ]),
    ).toThrow(boom);
  });
});
