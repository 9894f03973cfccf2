import { Env, EnvReader } from '@tally/platform';

export interface CdnConfig {
  /** Where purges are POSTed (docs/cdn.md); absent: no purge reactor runs. */
  purgeUrl: string | undefined;
  /** Sent as `Authorization: Bearer …` when set. A secret. */
  purgeToken: string | undefined;
  timeoutMs: number;
  /** Most keys in one purge call (Fastly takes 256). */
  maxKeysPerCall: number;
}

export const CDN_CONFIG = Symbol('CdnConfig');

export function loadCdnConfig(env: Env): CdnConfig {
  const read = new EnvReader(env);
  return {
    purgeUrl: read.url('CDN_PURGE_URL', ['http', 'https'])?.toString(),
    purgeToken: read.optionalString('CDN_PURGE_TOKEN'),
    timeoutMs: read.int('CDN_PURGE_TIMEOUT_MS', 5_000, { min: 100, max: 60_000 }),
    maxKeysPerCall: read.int('CDN_PURGE_MAX_KEYS', 256, { min: 1, max: 10_000 }),
  };
}
