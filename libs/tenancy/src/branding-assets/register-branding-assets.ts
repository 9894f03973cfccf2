import fastifyStatic from '@fastify/static';
import type { WithRequestContext } from '@tally/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BRANDING_ASSET_EXTENSIONS, BRANDING_ASSETS_PREFIX } from '../domain/branding-asset-url';
import { brandingAssetsRoot } from './branding-asset-store';

/** Content-addressed names never change meaning: a year, and never revalidated while fresh. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3_600_000;
/** `/<tenantId>/<sha256>.<ext>` below the prefix: the only names served (a directory or anything else is 404). */
const ASSET_PATH = new RegExp(`^/([A-Za-z0-9_-]+)/[0-9a-f]{64}\\.(${BRANDING_ASSET_EXTENSIONS.join('|')})$`);
/** What an SVG opened as a document may do: draw itself, nothing else (its content was checked at upload too). */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * Tenants' uploaded branding assets, served by @fastify/static from DATA_DIR/branding under
 * BRANDING_ASSETS_PREFIX (`/assets/branding/<tenantId>/<sha256>.<ext>`): `Cache-Control: public,
 * max-age=31536000, immutable`, an ETag and Last-Modified, 304 on If-None-Match /
 * If-Modified-Since, no directory listing, dotfiles (the store's temporary files) never served.
 * The request's tenant (X-Tenant-Id, host name or default, resolved by the request-context hook
 * that runs first) must be the asset's: another tenant's asset answers 404, as another tenant's
 * data does everywhere else. Also registers the body parser of the upload route: image bytes of
 * any declared type (the route sniffs what they really are), at most `maxBytes` (413 beyond).
 */
export async function registerBrandingAssets(fastify: FastifyInstance, options: { dataDir: string; maxBytes: number }): Promise<void> {
  fastify.addContentTypeParser(/^(image\/[a-z0-9.+-]+|application\/octet-stream)$/i, { parseAs: 'buffer', bodyLimit: options.maxBytes }, (_request, body, done) => done(null, body));
  await fastify.register(fastifyStatic, {
    root: brandingAssetsRoot(options.dataDir),
    prefix: BRANDING_ASSETS_PREFIX,
    // The swagger UI's registration decorates the reply already.
    decorateReply: false,
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'deny',
    etag: true,
    lastModified: true,
    cacheControl: true,
    maxAge: ASSET_MAX_AGE_MS,
    immutable: true,
    allowedPath: (pathName, _root, request) => {
      const tenantId = ASSET_PATH.exec(pathName)?.[1];
      return tenantId !== undefined && tenantId === tenantOf(request);
    },
    setHeaders: (reply, path) => {
      // helmet's default (same-origin) would stop the tenant's own site, on another host, from showing its logo.
      void reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
      if (path.endsWith('.svg')) void reply.header('Content-Security-Policy', SVG_POLICY);
    },
  });
}

function tenantOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & WithRequestContext).tallyContext?.tenant?.id;
}
