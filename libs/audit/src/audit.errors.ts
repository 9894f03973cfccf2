import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal the audit context can give, with its problem+json mapping. */
export const AUDIT_PROBLEMS = {
  'AUDIT.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'AUDIT.TENANT_NOT_FOUND': { status: 404, slug: 'tenant-not-found', title: 'Unknown tenant' },
  'AUDIT.CONTEST_NOT_FOUND': { status: 404, slug: 'event-not-found', title: 'Unknown event' },
  'AUDIT.ARCHIVE_NOT_FOUND': { status: 404, slug: 'audit-archive-not-found', title: 'Unknown audit archive' },
  'AUDIT.ARCHIVE_NOT_VERIFIED': { status: 409, slug: 'audit-archive-not-verified', title: 'The audit archive does not match its manifest' },
} as const;

export type AuditErrorCode = keyof typeof AUDIT_PROBLEMS;

ProblemCatalog.register<AuditErrorCode>(AUDIT_PROBLEMS);

export class AuditError extends DomainError<AuditErrorCode> {
  constructor(code: AuditErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A filter or cursor the caller got wrong, named as the validation pipe names fields. */
export function invalidInput(field: string, message: string): AuditError {
  return new AuditError('AUDIT.INVALID_INPUT', `${field}: ${message}`, { errors: [{ field, message }] });
}
