import { Env, EnvReader } from '@tally/platform';

export interface TenancyConfig {
  /** Tenant slug for requests that name none; `demo` in the embedded mode, none otherwise. */
  defaultTenant: string | null;
  /** Whether the `demo` tenant is created at start (always in the embedded mode). */
  createDemoTenant: boolean;
  /** How often each process reloads the suspended tenants (TenantStatusBook). */
  statusRefreshMs: number;
  /** The largest logo an organizer may upload (bytes); a larger body is refused 413 before it is read whole. */
  brandingLogoMaxBytes: number;
}

export const TENANCY_CONFIG = Symbol('TenancyConfig');

export function loadTenancyConfig(env: Env): TenancyConfig {
  const read = new EnvReader(env);
  const embedded = read.optionalString('DATABASE_URL') === undefined;
  const fallbackDefault = embedded ? 'demo' : undefined;
  return {
    defaultTenant: read.optionalString('TALLY_DEFAULT_TENANT') ?? fallbackDefault ?? null,
    createDemoTenant: read.bool('TALLY_DEMO_TENANT', true),
    statusRefreshMs: read.int('TENANCY_STATUS_REFRESH_MS', 2000, { min: 50, max: 600_000 }),
    brandingLogoMaxBytes: read.int('BRANDING_LOGO_MAX_BYTES', 262_144, { min: 1024, max: 5 * 1024 * 1024 }),
  };
}
