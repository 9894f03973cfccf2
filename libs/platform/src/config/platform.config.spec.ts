import { availableParallelism } from 'node:os';
import { ConfigError } from './config-error';
import { loadPlatformConfig } from './platform.config';

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';

describe('loadPlatformConfig: API_WORKERS', () => {
  it('runs one HTTP process unless asked for more', () => {
    expect(loadPlatformConfig({}).apiWorkers).toBe(1);
    expect(loadPlatformConfig({ DATABASE_URL, API_WORKERS: '3' }).apiWorkers).toBe(3);
    expect(loadPlatformConfig({ DATABASE_URL, API_WORKERS: 'auto' }).apiWorkers).toBe(availableParallelism());
  });

  it.each([
    [{ API_WORKERS: '2' }, 'needs DATABASE_URL'],
    [{ DATABASE_URL, API_WORKERS: '2', ROLE: 'worker' }, 'not ROLE=worker'],
    [{ DATABASE_URL, API_WORKERS: '0' }, 'at least 1'],
    [{ DATABASE_URL, API_WORKERS: 'many' }, 'whole number'],
  ])('refuses %j, naming the setting', (env, message) => {
    expect(() => loadPlatformConfig(env)).toThrow(ConfigError);
    expect(() => loadPlatformConfig(env)).toThrow(new RegExp(`API_WORKERS.*${message}`));
  });
});
