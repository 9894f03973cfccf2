import { loadObservabilityConfig } from './observability.config';

describe('observability configuration: who may read /metrics', () => {
  const token = 'm'.repeat(32);

  it('asks for the bearer token when METRICS_TOKEN is set, in any environment', () => {
    expect(loadObservabilityConfig({ METRICS_TOKEN: token }).metrics).toEqual({ mode: 'token', token: Buffer.from(token) });
    expect(loadObservabilityConfig({ METRICS_TOKEN: token, NODE_ENV: 'production' }).metrics.mode).toBe('token');
  });

  it('serves metrics openly outside production without a token, and not at all in production', () => {
    expect(loadObservabilityConfig({}).metrics).toEqual({ mode: 'open' });
    expect(loadObservabilityConfig({ NODE_ENV: 'test', METRICS_TOKEN: ' ' }).metrics).toEqual({ mode: 'open' });
    expect(loadObservabilityConfig({ NODE_ENV: 'production' }).metrics).toEqual({ mode: 'off' });
  });

  it('stops on a guessable token, naming it', () => {
    expect(() => loadObservabilityConfig({ METRICS_TOKEN: 'short' })).toThrow('Invalid configuration: METRICS_TOKEN must be at least 32 characters');
  });
});
