import { streamName } from '@tally/eventstore';

/** Tenants are platform-level: their streams live under the pseudo-tenant `platform`. */
export const PLATFORM_SCOPE = 'platform';

export const tenantStream = (tenantId: string): string => streamName('tenant', PLATFORM_SCOPE, tenantId);

export const tenantNameStream = (kind: 'slug' | 'domain', value: string): string =>
  streamName(kind === 'slug' ? 'tenantslug' : 'tenantdomain', PLATFORM_SCOPE, value.toLowerCase());
