/**
 * A rate limit rule: at most `limit` requests per `windowSeconds` (a fixed window, see the
 * library README) on the routes it names, counted per key of its scope:
 * - `user`: per signed-in user (anonymous requests are left to the `ip` rules);
 * - `ip`: per client address (IPv6 per /64 network, see client-address/);
 * - `tenant`: per tenant, all of its callers together;
 * - `endpoint`: per route, all callers together (a platform rule counts every tenant together).
 */
export type RuleScope = 'user' | 'ip' | 'tenant' | 'endpoint';
export const RULE_SCOPES: readonly RuleScope[] = ['user', 'ip', 'tenant', 'endpoint'];

/** `platform` rules apply in every tenant; `tenant` rules only in the tenant that set them. */
export type RuleLevel = 'platform' | 'tenant';
export const RULE_LEVELS: readonly RuleLevel[] = ['platform', 'tenant'];

export type RuleMethod = '*' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const RULE_METHODS: readonly RuleMethod[] = ['*', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface RateLimitRule {
  ruleId: string;
  /** The policy name in the RateLimit headers and the 429 problem; unique per owner. */
  name: string;
  scope: RuleScope;
  method: RuleMethod;
  /** `*`, a route as the API documents it (`/api/events/{eventId}/contestants`), or a prefix ending in `/*`. */
  route: string;
  limit: number;
  windowSeconds: number;
  enabled: boolean;
}

/** Policy names go into structured header fields unescaped, so they stay this simple. */
export const RULE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Route patterns as the OpenAPI document writes them; `{param}` segments match any one segment. */
export const RULE_ROUTE = /^(\*|\/[A-Za-z0-9_\-./{}]{0,199}(\/\*)?)$/;
export const MAX_RULE_LIMIT = 1_000_000_000;
/** A window longer than 31 days would outlive every key's expiry guarantees we document. */
export const MAX_WINDOW_SECONDS = 31 * 24 * 3600;

/** Whether a rule's route pattern names this route (both written `{param}`-style). */
export function routeMatches(pattern: string, route: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return route.startsWith(prefix) || route === pattern.slice(0, -2);
  }
  return pattern === route;
}

export function methodMatches(rule: RuleMethod, method: string): boolean {
  return rule === '*' || rule === method;
}
