import { DomainError, ProblemCatalog } from '@tally/platform';

/** The read side is too far behind for more writes on this path: retry after Retry-After. */
export const BACKPRESSURE_PROBLEMS = {
  'LOAD.SHED': { status: 503, slug: 'overloaded', title: 'Too much work is waiting; retry later' },
} as const;

export type BackpressureErrorCode = keyof typeof BACKPRESSURE_PROBLEMS;

ProblemCatalog.register<BackpressureErrorCode>(BACKPRESSURE_PROBLEMS);

export class BackpressureError extends DomainError<BackpressureErrorCode> {
  constructor(message: string, retryAfterSeconds: number) {
    super('LOAD.SHED', message, { retryAfterSeconds });
  }
}
