import { DomainError, ProblemCatalog } from '@tally/platform';

/** Refusals of a read that named a log position (docs/API.md "Read your writes"). */
export const READ_YOUR_WRITES_PROBLEMS = {
  'READ.NOT_CAUGHT_UP': { status: 503, slug: 'read-model-behind', title: 'The read model has not caught up with that position yet' },
  'READ.INVALID_POSITION': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
} as const;

export type ReadYourWritesErrorCode = keyof typeof READ_YOUR_WRITES_PROBLEMS;

ProblemCatalog.register<ReadYourWritesErrorCode>(READ_YOUR_WRITES_PROBLEMS);

export class ReadYourWritesError extends DomainError<ReadYourWritesErrorCode> {
  constructor(code: ReadYourWritesErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
