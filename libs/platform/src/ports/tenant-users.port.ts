/**
 * Whether a user id names a user of a tenant. Identity owns the answer and provides it; voting
 * asks before granting credits or listing votes, so an unknown id is a 404 rather than a ledger
 * for nobody. Optional, like PHONE_VERIFICATION: an application without identity has no answer.
 */
export interface TenantUserLookup {
  isUserOf(tenantId: string, userId: string): Promise<boolean>;
}

export const TENANT_USERS = Symbol('TenantUsers');
