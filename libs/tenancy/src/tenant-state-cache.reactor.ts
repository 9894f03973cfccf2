import { Inject } from '@nestjs/common';
import { AppendObservers, RegisteredReactor, StreamCacheInvalidationReactor } from '@tally/eventstore';
import { QUERY_CACHE, QueryCache } from '@tally/platform';
import { TENANT_EVENT_TYPES } from './domain/tenant.events';

/** Tenant records (TenantDirectory.state) in the query cache, one per tenant stream. */
export const TENANT_STATE_CACHE = 'tenancy.tenant-state';

/**
 * Drops a cached tenant record in every process when its tenant stream changes (settings,
 * status, plan, branding; its creation too, since an unknown tenant's null is cached): at once
 * from the process that appended, and again from the log (StreamCacheInvalidationReactor).
 */
@RegisteredReactor()
export class TenantStateCacheReactor extends StreamCacheInvalidationReactor {
  constructor(@Inject(QUERY_CACHE) cache: QueryCache, observers: AppendObservers) {
    super({ name: 'tenancy.tenant-state-cache', namespace: TENANT_STATE_CACHE, streamPrefix: 'tenant-', eventTypes: TENANT_EVENT_TYPES }, cache, observers);
  }
}
