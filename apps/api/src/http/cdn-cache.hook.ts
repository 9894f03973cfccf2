import { createHash } from 'node:crypto';
import { CachedResponse, CdnCachePolicy, cdnCachePolicyOf, WithRequestContext } from '@tally/platform';
import { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';

/**
 * The API as a CDN origin (docs/cdn.md). Registered before @fastify/compress, so that on a route
 * marked @CdnCached() this hook's onSend runs before compression (the ETag is the uncompressed
 * JSON's, a 304 has nothing to compress) and every other route gets none of it. Compression is
 * scoped too: only GET routes get @fastify/compress's hooks (large lists and documents); writes,
 * POST /api/votes first, answer a few hundred bytes and skip its per-request work.
 */
export function registerCdnCaching(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions & { compress?: unknown }) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.compress === undefined && !methods.every((method) => method === 'GET' || method === 'HEAD')) route.compress = false;
    const policy = cdnCachePolicyOf(route.config);
    if (!policy) return;
    const hook = cdnOnSend(policy);
    route.onSend = route.onSend === undefined ? [hook] : Array.isArray(route.onSend) ? [hook, ...route.onSend] : [hook, route.onSend];
  });
}

function cdnOnSend(policy: CdnCachePolicy): onSendHookHandler {
  return (request: FastifyRequest & WithRequestContext, reply: FastifyReply, payload: unknown, done) => {
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    // Weak: the same JSON compressed or not is the same representation to the caller.
    const etag = `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    void reply.header('ETag', etag);
    void reply.header('Cache-Control', cacheControl(policy));
    // The tenant is named by X-Tenant-Id or the host: a shared cache keys on both.
    void reply.header('Vary', 'X-Tenant-Id, Accept-Encoding');
    if (policy.scope === 'public') {
      const response: CachedResponse = { tenantId: request.tallyContext?.tenant?.id ?? null, params: (request.params ?? {}) as Record<string, string>, body: parse(payload) };
      void reply.header('Surrogate-Key', policy.surrogateKeys(response).join(' '));
    }
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      void reply.removeHeader('content-type');
      void reply.removeHeader('content-length');
      return done(null, '');
    }
    done(null, payload);
  };
}

function cacheControl(policy: CdnCachePolicy): string {
  if (policy.scope === 'private') return `private, max-age=${policy.maxAge}, must-revalidate`;
  const stale = policy.staleWhileRevalidate ? `, stale-while-revalidate=${policy.staleWhileRevalidate}` : '';
  return `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}${stale}`;
}

/** If-None-Match by weak comparison (RFC 9110 13.1.2): any listed tag, W/ or not, or `*`. */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === opaque;
  });
}

function parse(payload: string | Buffer): unknown {
  try {
    return JSON.parse(payload.toString());
  } catch {
    return null;
  }
}
