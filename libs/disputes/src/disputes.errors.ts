import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal of the disputes context, with its problem+json mapping. */
export const DISPUTES_PROBLEMS = {
  'DISPUTES.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'DISPUTES.CASE_NOT_FOUND': { status: 404, slug: 'dispute-not-found', title: 'No such dispute case' },
  'DISPUTES.SUBJECT_NOT_FOUND': { status: 404, slug: 'dispute-subject-not-found', title: 'No such vote or payment of this voter in this tenant' },
  'DISPUTES.CASE_CLOSED': { status: 409, slug: 'dispute-closed', title: 'The dispute case is already resolved or withdrawn' },
  'DISPUTES.ALREADY_INVESTIGATING': { status: 409, slug: 'dispute-already-investigating', title: 'The dispute case is already under investigation' },
  'DISPUTES.IDEMPOTENCY_MISMATCH': { status: 422, slug: 'idempotency-key-reused', title: 'The Idempotency-Key was used for another dispute' },
  'DISPUTES.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
} as const;

export type DisputesErrorCode = keyof typeof DISPUTES_PROBLEMS;

ProblemCatalog.register<DisputesErrorCode>(DISPUTES_PROBLEMS);

export class DisputesError extends DomainError<DisputesErrorCode> {
  constructor(code: DisputesErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A refusal that names the field at fault, as validation problems do (`errors`). */
export function disputeFieldError(field: string, message: string): DisputesError {
  return new DisputesError('DISPUTES.INVALID_INPUT', message, { errors: [{ field, message }] });
}
