import { DomainError } from './domain-error';
import { ProblemCatalog, ProblemDefinition } from './problem-catalog';

/** Refusals the platform itself gives, before any context's code runs. */
export type PlatformErrorCode = 'PLATFORM.TENANT_REQUIRED' | 'PLATFORM.COOKIE_AUTH_REFUSED';

export const PLATFORM_PROBLEMS: Record<PlatformErrorCode, ProblemDefinition> = {
  'PLATFORM.TENANT_REQUIRED': { status: 400, slug: 'tenant-required', title: 'The request names no tenant' },
  'PLATFORM.COOKIE_AUTH_REFUSED': { status: 403, slug: 'cookie-auth-refused', title: 'State-changing requests carrying cookies need a bearer token' },
};

ProblemCatalog.register(PLATFORM_PROBLEMS);

export class PlatformError extends DomainError<PlatformErrorCode> {
  constructor(code: PlatformErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
