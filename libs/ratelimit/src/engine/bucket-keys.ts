import { RequestContext } from '@tally/platform';
import { clientKey } from '../client-address/client-key';
import { RateLimitRule } from '../domain/rate-limit-rule';

/** Who a request is, as the bucket keys see it. */
export interface Caller {
  tenantId: string | null;
  userId: string | null;
  /** The normalised client key (IPv6 per network), null when the peer is unknown. */
  ipKey: string | null;
}

export function callerOf(ctx: RequestContext | undefined, ipv6Prefix: number): Caller {
  return { tenantId: ctx?.tenant?.id ?? null, userId: ctx?.actor?.userId ?? null, ipKey: clientKey(ctx?.clientIp, ipv6Prefix) };
}

/**
 * The bucket of a rule that a request counts in, or null when the rule does not apply to this
 * caller (a `user` rule and an anonymous request: the `ip` rules cover those). A platform rule's
 * `ip` bucket is shared across tenants (an address is one client whichever tenant it calls); a
 * tenant rule has buckets of its own, its id being part of every key.
 */
export function bucketKey(rule: RateLimitRule, caller: Caller, endpoint: string): string | null {
  switch (rule.scope) {
    case 'user':
      return caller.userId === null ? null : `u:${caller.userId}`;
    case 'ip':
      return caller.ipKey === null ? null : `i:${caller.ipKey}`;
    case 'tenant':
      return caller.tenantId === null ? null : `t:${caller.tenantId}`;
    case 'endpoint':
      return `e:${endpoint}`;
    default: {
      const unknown: never = rule.scope;
      return unknown;
    }
  }
}

const documented = new Map<string, string>();

/** Fastify's `/api/events/:eventId` as the API document and the rules write it: `/api/events/{eventId}`. */
export function documentedRoute(url: string | undefined): string {
  if (url === undefined) return '*';
  let route = documented.get(url);
  if (route === undefined) {
    route = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    documented.set(url, route);
  }
  return route;
}
