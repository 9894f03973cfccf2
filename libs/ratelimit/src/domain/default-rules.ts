import { RateLimitRule } from './rate-limit-rule';

/**
 * The platform rules seeded on first start (README "Default rules"); editable like any other.
 * Fixed ids so that every process seeding at once appends the same events once (no_stream).
 * Per-IP limits stay generous: a TV audience behind one carrier-grade NAT shares an address.
 */
export const DEFAULT_RULES: readonly RateLimitRule[] = [
  { ruleId: '01930000-0000-7000-8000-000000000001', name: 'ip-requests-per-minute', scope: 'ip', method: '*', route: '*', limit: 1200, windowSeconds: 60, enabled: true },
  { ruleId: '01930000-0000-7000-8000-000000000002', name: 'user-votes-per-hour', scope: 'user', method: 'POST', route: '/api/votes', limit: 3600, windowSeconds: 3600, enabled: true },
  { ruleId: '01930000-0000-7000-8000-000000000003', name: 'user-votes-per-day', scope: 'user', method: 'POST', route: '/api/votes', limit: 20000, windowSeconds: 86400, enabled: true },
  { ruleId: '01930000-0000-7000-8000-000000000004', name: 'ip-signups-per-hour', scope: 'ip', method: 'POST', route: '/api/auth/signup', limit: 30, windowSeconds: 3600, enabled: true },
  { ruleId: '01930000-0000-7000-8000-000000000005', name: 'ip-otp-requests-per-hour', scope: 'ip', method: 'POST', route: '/api/auth/otp/request', limit: 30, windowSeconds: 3600, enabled: true },
  { ruleId: '01930000-0000-7000-8000-000000000006', name: 'user-checkouts-per-hour', scope: 'user', method: 'POST', route: '/api/payments/checkout', limit: 60, windowSeconds: 3600, enabled: true },
];
