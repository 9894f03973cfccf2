/**
 * The vote path's protections (rate limiting, fraud screening) switched off or on in a bench's
 * servers, and the rules the "on" runs use: every platform rule kept (so the limiter does all
 * of its work on every vote: the per-IP and both per-user buckets, one pipelined Redis round
 * trip) with limits no bench reaches, so the measurement is the cost of the checks and not of
 * refusals.
 */
import { loadRateLimitConfig } from '@tally/ratelimit';
import { api, login } from './contest-setup';

export type Protections = 'off' | 'on' | 'compare';

export const PROTECTIONS_OFF = { RATE_LIMITS_ENABLED: 'false', FRAUD_SCREENING_ENABLED: 'false' };
export const PROTECTIONS_ON = { RATE_LIMITS_ENABLED: 'true', FRAUD_SCREENING_ENABLED: 'true' };

/**
 * The "on" side's settings; BENCH_PROTECTIONS_ON_ENV="KEY=value,…" changes them, e.g.
 * `FRAUD_SCREENING_ENABLED=false` to measure rate limiting alone.
 */
export function protectionsOnEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_PROTECTIONS_ON_ENV ?? '').split(',').filter(Boolean);
  return { ...PROTECTIONS_ON, ...Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])) };
}

export function protectionsFromEnv(): Protections {
  const value = process.env.BENCH_PROTECTIONS ?? 'off';
  if (value !== 'off' && value !== 'on' && value !== 'compare') throw new Error(`BENCH_PROTECTIONS must be off, on or compare, not ${value}`);
  return value;
}

const UNREACHABLE = 1_000_000_000;
/** Every process reloads the rules within RATE_LIMIT_RULES_REFRESH_MS (the servers run the default), with room to spare. */
const RULES_RELOADED_MS = loadRateLimitConfig({}).rulesRefreshMs + 500;

interface Rule {
  ruleId: string;
  level: 'platform' | 'tenant';
  name: string;
  scope: string;
  method: string;
  route: string;
  limit: number;
  windowSeconds: number;
  enabled: boolean;
}

/**
 * Raises every rule to a limit no bench reaches, then waits until `base` applies them (its status
 * shows them) and one rules reload more (RATE_LIMIT_RULES_REFRESH_MS), for the deployment's
 * other processes: the status comes from one of them, and cluster workers share `base`'s port.
 */
export async function raiseRateLimits(base: string, admin: { email: string; password: string }): Promise<number> {
  const token = await login(base, admin.email, admin.password);
  const { items } = await api<{ items: Rule[] }>(base, 'GET', '/api/ratelimit/rules', undefined, token);
  for (const rule of items) {
    await api(base, 'POST', '/api/ratelimit/rules', { ruleId: rule.ruleId, level: rule.level, name: rule.name, scope: rule.scope, method: rule.method, route: rule.route, limit: UNREACHABLE, windowSeconds: rule.windowSeconds, enabled: rule.enabled }, token);
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await api<{ buckets: { limit: number }[] }>(base, 'GET', '/api/ratelimit/status', undefined, token);
    if (status.buckets.length > 0 && status.buckets.every((bucket) => bucket.limit === UNREACHABLE)) {
      await new Promise((resolve) => setTimeout(resolve, RULES_RELOADED_MS));
      return items.length;
    }
    if (Date.now() > deadline) throw new Error(`the raised rate limits did not apply within 30 s: ${JSON.stringify(status.buckets)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
