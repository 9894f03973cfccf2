import { RouteConfig } from '@nestjs/platform-fastify';

/** The Fastify route config key read by the API's CDN caching hook (apps/api cdn-cache.hook.ts). */
export const CDN_CACHE = 'cdnCache';

/** What a surrogate-key function sees: the tenant of the request, its path parameters and the JSON it answers. */
export interface CachedResponse {
  tenantId: string | null;
  params: Readonly<Record<string, string>>;
  body: unknown;
}

/**
 * How a read may be cached (docs/cdn.md). `public`: by browsers (max-age) and shared caches
 * (s-maxage, a CDN), served stale while revalidating for `staleWhileRevalidate` seconds, tagged
 * with surrogate keys the purge reactor names when the data behind them changes. `private`: the
 * browser only (a signed-in user's view), still with an ETag for a cheap 304.
 */
export type CdnCachePolicy =
  | { scope: 'public'; maxAge: number; sMaxAge: number; staleWhileRevalidate?: number; surrogateKeys: (response: CachedResponse) => readonly string[] }
  | { scope: 'private'; maxAge: number };

/**
 * Marks a GET route for the CDN hook: Cache-Control, a weak ETag of the body, 304 on a matching
 * If-None-Match, Surrogate-Key. Only routes marked so pay for hashing; every other route (the
 * vote path first) has none of these hooks.
 */
export function CdnCached(policy: CdnCachePolicy): MethodDecorator {
  return RouteConfig({ [CDN_CACHE]: policy });
}

export function cdnCachePolicyOf(config: unknown): CdnCachePolicy | null {
  if (typeof config !== 'object' || config === null) return null;
  const policy = (config as Record<string, unknown>)[CDN_CACHE];
  return typeof policy === 'object' && policy !== null ? (policy as CdnCachePolicy) : null;
}

/**
 * Surrogate-key names, shared by the routes that tag responses and the reactor that purges them.
 * Ids are UUIDs or slugs: no spaces, which separate keys in the header.
 */
export const surrogateKeys = {
  tenant: (tenantId: string) => `tenant-${tenantId}`,
  contest: (contestId: string) => `contest-${contestId}`,
  leaderboard: (contestId: string) => `leaderboard-${contestId}`,
  treeHead: (contestId: string) => `tree-head-${contestId}`,
  branding: (tenantId: string) => `branding-${tenantId}`,
};
