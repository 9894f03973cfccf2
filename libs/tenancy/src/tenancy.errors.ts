import { ProblemCatalog } from '@tally/platform';

export type TenancyErrorCode =
  | 'TENANCY.TENANT_NOT_FOUND'
  | 'TENANCY.TENANT_REQUIRED'
  | 'TENANCY.SLUG_TAKEN'
  | 'TENANCY.DOMAIN_TAKEN'
  | 'TENANCY.TENANT_SUSPENDED'
  | 'TENANCY.UNKNOWN_SETTING'
  | 'TENANCY.INVALID_SETTING';

ProblemCatalog.register<TenancyErrorCode>({
  'TENANCY.TENANT_NOT_FOUND': { status: 404, slug: 'tenant-not-found', title: 'Unknown tenant' },
  'TENANCY.TENANT_REQUIRED': { status: 400, slug: 'tenant-required', title: 'No tenant named' },
  'TENANCY.SLUG_TAKEN': { status: 409, slug: 'tenant-slug-taken', title: 'Tenant slug already in use' },
  'TENANCY.DOMAIN_TAKEN': { status: 409, slug: 'tenant-domain-taken', title: 'Tenant domain already in use' },
  'TENANCY.TENANT_SUSPENDED': { status: 403, slug: 'tenant-suspended', title: 'Tenant suspended' },
  'TENANCY.UNKNOWN_SETTING': { status: 422, slug: 'unknown-tenant-setting', title: 'Unknown tenant setting' },
  'TENANCY.INVALID_SETTING': { status: 422, slug: 'invalid-tenant-setting', title: 'Invalid tenant setting' },
});
