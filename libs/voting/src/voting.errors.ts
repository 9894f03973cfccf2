import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal the voting context can give, with its problem+json mapping (API.md). */
export const VOTING_PROBLEMS = {
  'VOTING.EVENT_NOT_OPEN': { status: 422, slug: 'event-not-open', title: 'The event is not open for voting' },
  'VOTING.CAP_REACHED': { status: 422, slug: 'vote-cap-reached', title: 'The vote cap for this event is reached' },
  'VOTING.INSUFFICIENT_CREDITS': { status: 422, slug: 'insufficient-credits', title: 'Not enough vote credits' },
  'VOTING.QUOTA_EXHAUSTED': { status: 422, slug: 'quota-exhausted', title: 'The free votes of today are used up' },
  'VOTING.CONTESTANT_NOT_IN_EVENT': { status: 422, slug: 'contestant-not-in-event', title: 'The contestant is not in this event' },
  'VOTING.VOTE_REJECTED': { status: 403, slug: 'vote-rejected', title: 'The vote was rejected' },
  'VOTING.AMOUNT_OUT_OF_BOUNDS': { status: 422, slug: 'vote-amount-out-of-bounds', title: 'The vote amount is outside the allowed bounds' },
  'VOTING.PHONE_NOT_VERIFIED': { status: 403, slug: 'phone-verification-required', title: 'This event requires a verified phone' },
  'VOTING.IDEMPOTENCY_KEY_REQUIRED': { status: 400, slug: 'idempotency-key-required', title: 'The Idempotency-Key header is required' },
  'VOTING.IDEMPOTENCY_KEY_REUSED': { status: 422, slug: 'idempotency-key-reused', title: 'The idempotency key was used with another request' },
  'VOTING.IDEMPOTENCY_IN_FLIGHT': { status: 409, slug: 'idempotency-in-flight', title: 'A request with this idempotency key is in progress' },
  'VOTING.EVENT_NOT_FOUND': { status: 404, slug: 'event-not-found', title: 'No such event' },
  'VOTING.EVENT_INVALID': { status: 422, slug: 'invalid-event', title: 'The event settings are invalid' },
  'VOTING.EVENT_NOT_EDITABLE': { status: 409, slug: 'event-not-editable', title: 'The event can no longer be changed this way' },
  'VOTING.ILLEGAL_STATUS_TRANSITION': { status: 409, slug: 'illegal-status-transition', title: 'The event cannot move to that status' },
  'VOTING.CATEGORY_NOT_FOUND': { status: 422, slug: 'category-not-found', title: 'No such category in this event' },
  'VOTING.SLUG_TAKEN': { status: 409, slug: 'contestant-slug-taken', title: 'Another contestant of this event has that slug' },
  'VOTING.VOTE_NOT_FOUND': { status: 404, slug: 'vote-not-found', title: 'No such vote' },
  'VOTING.USER_NOT_FOUND': { status: 404, slug: 'user-not-found', title: 'No such user in this tenant' },
  'VOTING.VOTE_NOT_REFUNDABLE': { status: 409, slug: 'vote-not-refundable', title: 'The vote can no longer be refunded' },
  'VOTING.VOTE_ALREADY_DECIDED': { status: 409, slug: 'vote-already-decided', title: 'The vote is not in a state this decision applies to' },
  'VOTING.TALLY_FINAL': { status: 409, slug: 'tally-final', title: 'The event is finalized or cancelled; its tally no longer changes' },
  'VOTING.SNAPSHOT_NOT_FOUND': { status: 404, slug: 'snapshot-not-found', title: 'No such leaderboard snapshot' },
  'VOTING.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
  'VOTING.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'VOTING.MALFORMED_BODY': { status: 400, slug: 'malformed-body', title: 'The body must be a JSON object' },
  'VOTING.INVALID_CREDITS': { status: 422, slug: 'invalid-credit-amount', title: 'Credit amounts are positive whole numbers' },
  'VOTING.CONTESTANT_NOT_FOUND': { status: 404, slug: 'contestant-not-found', title: 'No such contestant in this event' },
  'VOTING.CONTENT_REFUSED': { status: 422, slug: 'contestant-content-refused', title: 'The contestant content failed the automatic checks' },
  'VOTING.SUBMISSION_NOT_FOUND': { status: 404, slug: 'content-submission-not-found', title: 'No such content submission waiting for review' },
} as const;

export type VotingErrorCode = keyof typeof VOTING_PROBLEMS;

ProblemCatalog.register<VotingErrorCode>(VOTING_PROBLEMS);

export class VotingError extends DomainError<VotingErrorCode> {
  constructor(code: VotingErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
