export { TenancyModule, tenancySchema } from './tenancy.module';
export { TenantDirectory, DEMO_TENANT_SLUG } from './tenant-directory';
export type { TenantState } from './domain/tenant.state';
export { TenancyError } from './tenancy.errors';
export type { TenancyErrorCode } from './tenancy.errors';
export { loadTenancyConfig } from './tenancy.config';
export type { TenancyConfig } from './tenancy.config';
export { TenantStatusBook } from './status/tenant-status-book';
export type { TenantBranding, PlanType } from './domain/tenant.events';
