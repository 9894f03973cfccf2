import { DomainError, ProblemCatalog } from '@tally/platform';

export const ADMIN_PROBLEMS = {
  'ADMIN.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
} as const;

export type AdminErrorCode = keyof typeof ADMIN_PROBLEMS;

ProblemCatalog.register<AdminErrorCode>(ADMIN_PROBLEMS);

export class AdminError extends DomainError<AdminErrorCode> {
  constructor(code: AdminErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
