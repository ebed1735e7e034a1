import { Type } from '@sinclair/typebox';
import { BaseConfigSchema, ConfigError, loadConfig } from './config';

const Schema = Type.Composite([
  BaseConfigSchema,
  Type.Object({ DATABASE_URL: Type.String({ minLength: 1 }), MAX_LETTERS: Type.Integer({ minimum: 1, default: 100 }) }),
]);

describe('loadConfig', () => {
  it('applies defaults, converts types and freezes the result', () => {
    const config = loadConfig(Schema, { PORT: '3001', DATABASE_URL: 'postgres://x', UNRELATED: 'ignored' });
    expect(config).toMatchObject({ PORT: 3001, HOST: '127.0.0.1', LOG_LEVEL: 'info', MAX_LETTERS: 100 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('reports every bad or missing variable at once, by name, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig(Schema, { PORT: 'eighty', LOG_LEVEL: 'loud', MAX_LETTERS: '0' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT .*"eighty"/m);
    expect(problems).toMatch(/^LOG_LEVEL /m);
    expect(problems).toMatch(/^MAX_LETTERS .*"0"/m);
    expect(problems).toMatch(/^DATABASE_URL is required but not set$/m);
  });

  it('hides the value of secret-looking variables', () => {
    expect(() =>
      loadConfig(Type.Object({ SIGNING_KEY: Type.String({ minLength: 40 }) }), { SIGNING_KEY: 'hunter2' }),
    ).toThrow(/SIGNING_KEY .*\(value hidden\)/);
  });
});
