import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal the anchoring context can give, with its problem+json mapping (API.md). */
export const ANCHORING_PROBLEMS = {
  'ANCHORING.RECEIPT_NOT_FOUND': { status: 404, slug: 'receipt-not-found', title: 'No receipt for this vote (unknown, or not yet in the log)' },
  'ANCHORING.TREE_HEAD_NOT_FOUND': { status: 404, slug: 'tree-head-not-found', title: 'No signed tree head for this contest and size' },
  'ANCHORING.TENANT_NOT_FOUND': { status: 404, slug: 'tenant-not-found', title: 'No such tenant' },
  'ANCHORING.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'ANCHORING.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
} as const;

export type AnchoringErrorCode = keyof typeof ANCHORING_PROBLEMS;

ProblemCatalog.register<AnchoringErrorCode>(ANCHORING_PROBLEMS);

export class AnchoringError extends DomainError<AnchoringErrorCode> {
  constructor(code: AnchoringErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
