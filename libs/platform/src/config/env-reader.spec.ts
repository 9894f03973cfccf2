import { ConfigError } from './config-error';
import { loadPlatformConfig } from './platform.config';

describe('platform configuration', () => {
  it('runs embedded with no settings at all', () => {
    const config = loadPlatformConfig({});
    expect(config).toMatchObject({ port: 3000, role: 'all', databaseUrl: undefined, redisUrl: undefined });
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT must be a whole number, got "eighty"'],
    [{ ROLE: 'both' }, 'Invalid configuration: ROLE must be one of all, api, worker, got "both"'],
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL must use postgres or postgresql://, got mysql://'],
    [{ REDIS_URL: 'not a url' }, 'Invalid configuration: REDIS_URL is not a valid URL'],
    [{ DATABASE_REPLICA_URLS: 'postgres://a/b,http://c' }, 'Invalid configuration: DATABASE_REPLICA_URLS[1] must use postgres or postgresql://, got http://'],
  ])('stops with one line naming the bad setting: %j', (env, message) => {
    expect(() => loadPlatformConfig(env)).toThrow(new ConfigError('x', 'y').constructor as typeof ConfigError);
    expect(() => loadPlatformConfig(env)).toThrow(message);
  });
});
