// The only import surface of the ratelimit context.
export * from './ratelimit.errors';
export { loadRateLimitConfig } from './ratelimit.config';
export * from './ratelimit.schema';
export { RateLimitModule } from './ratelimit.module';
export { RuleBook } from './engine/rule-book';
export { AttemptRecorder } from './engine/attempt-recorder';
export { RateLimitProjection } from './projections/rules/ratelimit.projection';
export { parseTrustProxy, type TrustProxySetting } from './client-address/trusted-proxies';
export { clientKey } from './client-address/client-key';
export type { RateLimitRule, RuleScope, RuleLevel } from './domain/rate-limit-rule';
export { DEFAULT_RULES } from './domain/default-rules';
export { documentRateLimits } from './http/rate-limit.openapi';
export { PruneAttemptsJob } from './jobs/prune-attempts.job';
