import { DomainError, ProblemCatalog } from '@tally/platform';

export type TenancyErrorCode =
  | 'TENANCY.TENANT_NOT_FOUND'
  | 'TENANCY.SLUG_TAKEN'
  | 'TENANCY.DOMAIN_TAKEN'
  | 'TENANCY.TENANT_SUSPENDED'
  | 'TENANCY.UNKNOWN_SETTING'
  | 'TENANCY.INVALID_SETTING'
  | 'TENANCY.STATUS_UNCHANGED'
  | 'TENANCY.INVALID_BRANDING'
  | 'TENANCY.SUBMISSION_NOT_FOUND'
  | 'TENANCY.PLAN_LIMIT_REACHED'
  | 'TENANCY.UNSUPPORTED_LOGO'
  | 'TENANCY.UNSAFE_SVG';

ProblemCatalog.register<TenancyErrorCode>({
  'TENANCY.TENANT_NOT_FOUND': { status: 404, slug: 'tenant-not-found', title: 'Unknown tenant' },
  'TENANCY.SLUG_TAKEN': { status: 409, slug: 'tenant-slug-taken', title: 'Tenant slug already in use' },
  'TENANCY.DOMAIN_TAKEN': { status: 409, slug: 'tenant-domain-taken', title: 'Tenant domain already in use' },
  'TENANCY.TENANT_SUSPENDED': { status: 403, slug: 'tenant-suspended', title: 'Tenant suspended' },
  'TENANCY.UNKNOWN_SETTING': { status: 422, slug: 'unknown-tenant-setting', title: 'Unknown tenant setting' },
  'TENANCY.INVALID_SETTING': { status: 422, slug: 'invalid-tenant-setting', title: 'Invalid tenant setting' },
  'TENANCY.STATUS_UNCHANGED': { status: 409, slug: 'tenant-status-unchanged', title: 'The tenant already has this status' },
  'TENANCY.INVALID_BRANDING': { status: 422, slug: 'validation-failed', title: 'Invalid branding' },
  'TENANCY.SUBMISSION_NOT_FOUND': { status: 404, slug: 'branding-submission-not-found', title: 'No such branding submission' },
  'TENANCY.PLAN_LIMIT_REACHED': { status: 422, slug: 'plan-limit-reached', title: "The tenant's plan allows no more of this" },
  'TENANCY.UNSUPPORTED_LOGO': { status: 422, slug: 'unsupported-logo', title: 'The logo is not a PNG, WebP or SVG image' },
  'TENANCY.UNSAFE_SVG': { status: 422, slug: 'unsafe-svg', title: 'The SVG logo holds active or external content' },
});

/** A refusal of the tenancy context; its code maps to a problem type above. */
export class TenancyError extends DomainError<TenancyErrorCode> {
  constructor(code: TenancyErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
