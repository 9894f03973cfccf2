import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal the ratelimit context can give, with its problem+json mapping. */
export const RATE_LIMIT_PROBLEMS = {
  'RATELIMIT.RATE_LIMITED': { status: 429, slug: 'rate-limited', title: 'Too many requests' },
  'RATELIMIT.CLIENT_BLOCKED': { status: 429, slug: 'client-blocked', title: 'This client address is blocked for a while' },
  'RATELIMIT.RULE_NOT_FOUND': { status: 404, slug: 'rate-limit-rule-not-found', title: 'No such rate limit rule' },
  'RATELIMIT.INVALID_RULE': { status: 422, slug: 'validation-failed', title: 'Invalid rate limit rule' },
  'RATELIMIT.INVALID_BLOCK': { status: 422, slug: 'validation-failed', title: 'Invalid block' },
  'RATELIMIT.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'RATELIMIT.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
} as const;

export type RateLimitErrorCode = keyof typeof RATE_LIMIT_PROBLEMS;

ProblemCatalog.register<RateLimitErrorCode>(RATE_LIMIT_PROBLEMS);

export class RateLimitError extends DomainError<RateLimitErrorCode> {
  constructor(code: RateLimitErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
