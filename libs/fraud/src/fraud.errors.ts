import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal the fraud context can give, with its problem+json mapping. */
export const FRAUD_PROBLEMS = {
  'FRAUD.INVALID_SETTINGS': { status: 422, slug: 'invalid-fraud-settings', title: 'The fraud settings are invalid' },
  'FRAUD.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
  'FRAUD.CONTESTANT_NOT_FOUND': { status: 404, slug: 'contestant-not-found', title: 'No such contestant in this tenant' },
  'FRAUD.USER_NOT_FOUND': { status: 404, slug: 'user-not-found', title: 'No such user in this tenant' },
  'FRAUD.TENANT_REQUIRED': { status: 400, slug: 'tenant-required', title: 'The request names no tenant' },
  'FRAUD.CASE_NOT_FOUND': { status: 404, slug: 'fraud-case-not-found', title: 'No such fraud case' },
  'FRAUD.CASE_ALREADY_DECIDED': { status: 409, slug: 'fraud-case-already-decided', title: 'The fraud case is already decided' },
  'FRAUD.EVENT_NOT_FOUND': { status: 404, slug: 'event-not-found', title: 'No such event in this tenant' },
  'FRAUD.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
} as const;

export type FraudErrorCode = keyof typeof FRAUD_PROBLEMS;

ProblemCatalog.register<FraudErrorCode>(FRAUD_PROBLEMS);

export class FraudError extends DomainError<FraudErrorCode> {
  constructor(code: FraudErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
