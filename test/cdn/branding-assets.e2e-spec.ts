import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import type { Response } from 'supertest';
import { stateFingerprint } from '../support/state-fingerprint';
import { ADMIN, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#a00"/></svg>');
const MAX_BYTES = 4096;

/**
 * Tenant branding assets (issue 19, CDN origin; docs/cdn.md): an organizer uploads a logo, the
 * API stores it under DATA_DIR/branding/<tenant>/<sha256>.<ext> and serves it with
 * @fastify/static — immutable Cache-Control, ETag, 304 — to its own tenant only; the branding's
 * logoUrl points there and goes through moderation. Bad bytes are refused and change nothing.
 */
describe('tenant branding assets (e2e)', () => {
  let k: VotingE2e;
  let admin: string;
  let otherTenantId: string;
  let brandingDir: string;

  beforeAll(async () => {
    k = await startVotingE2e({ BRANDING_LOGO_MAX_BYTES: String(MAX_BYTES) }, 'postgres');
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    const other = await k.call('post', '/api/tenants', admin, { name: 'Other Awards', slug: 'assets-other', domain: 'vote.assets-other.example' });
    expect(other.status).toBe(201);
    otherTenantId = other.body.tenantId as string;
    brandingDir = join(k.t.app.get<PlatformConfig>(PLATFORM_CONFIG).dataDir, 'branding', k.t.tenantId);
  }, 120_000);

  afterAll(async () => {
    await k?.close();
  });

  const upload = (bytes: Buffer, contentType: string, token = k.organizer, tenantId = k.t.tenantId): Promise<Response> =>
    k.t.http().post(`/api/tenants/${tenantId}/branding/logo`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${token}`).set('Content-Type', contentType).send(bytes);
  const fetchAsset = (url: string, tenant: string, headers: Record<string, string> = {}): Promise<Response> => {
    const req = k.t.http().get(url).set('X-Tenant-Id', tenant).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    for (const [name, value] of Object.entries(headers)) void req.set(name, value);
    return req;
  };
  const stored = () => (existsSync(brandingDir) ? readdirSync(brandingDir).sort() : []);

  it('an organizer uploads a PNG: stored by content hash, served immutable with an ETag and 304, submitted for moderation as branding, shown once approved', async () => {
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    const res = await upload(PNG, 'image/png');
    expect(res.status).toBe(202);
    const logoUrl = `/assets/branding/${k.t.tenantId}/${sha256}.png`;
    expect(res.body).toEqual({ submissionId: expect.any(String), status: 'pending', logoUrl, contentType: 'image/png', bytes: PNG.length });
    expect(stored()).toEqual([`${sha256}.png`]);

    const served = await fetchAsset(logoUrl, 'demo');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const etag = served.headers.etag;
    expect(etag).toMatch(/^W\/".+"$|^".+"$/);
    expect(served.headers['last-modified']).toEqual(expect.any(String));
    const again = await fetchAsset(logoUrl, 'demo', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect((again.body as Buffer).length).toBe(0);
    expect((await fetchAsset(logoUrl, 'demo', { 'If-None-Match': 'W/"something-else"' })).status).toBe(200);

    // Through moderation like any branding: nothing shown until approved, then the logo points at the asset.
    expect((await k.call('get', `/api/tenants/${k.t.tenantId}`, k.organizer)).body.branding).toBeNull();
    const review = await k.call('post', `/api/tenants/${k.t.tenantId}/branding/${res.body.submissionId as string}/review`, admin, { decision: 'approve' });
    expect(review.body).toEqual({ submissionId: res.body.submissionId, status: 'approved' });
    expect((await k.call('get', `/api/tenants/${k.t.tenantId}`, k.organizer)).body.branding).toEqual({ logoUrl, primaryColor: null, secondaryColor: null });

    // The same bytes again: the same file, a new submission.
    const repeated = await upload(PNG, 'application/octet-stream');
    expect(repeated.status).toBe(202);
    expect(repeated.body.logoUrl).toBe(logoUrl);
    expect(stored()).toEqual([`${sha256}.png`]);
  }, 60_000);

  it("another tenant's request for the asset is 404, as are unknown names and directories (a path with .. is 403); uploading to another tenant is 404", async () => {
    const { logoUrl } = (await upload(PNG, 'image/png')).body as { logoUrl: string };
    const elsewhere = await fetchAsset(logoUrl, 'assets-other');
    expect(elsewhere.status).toBe(404);
    expect((await k.t.http().get(logoUrl).set('Host', 'vote.assets-other.example')).status).toBe(404);
    expect((await fetchAsset(`/assets/branding/${k.t.tenantId}/${'0'.repeat(64)}.png`, 'demo')).status).toBe(404);
    expect((await fetchAsset(`/assets/branding/${k.t.tenantId}/`, 'demo')).status).toBe(404);
    // A way up and over to another tenant's directory: @fastify/send refuses `..` before anything is looked up.
    const traversal = await fetchAsset(`/assets/branding/${otherTenantId}/../${k.t.tenantId}/${logoUrl.split('/').pop()!}`, 'assets-other');
    expect(traversal.status).toBe(403);
    expect(traversal.headers['content-type']).not.toBe('image/png');
    const before = await stateFingerprint(k.t.app);
    const refused = await upload(PNG, 'image/png', k.organizer, otherTenantId);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ type: problemType('tenant-not-found') });
    expect(await stateFingerprint(k.t.app)).toBe(before);
    expect(existsSync(join(brandingDir, '..', otherTenantId))).toBe(false);
  }, 60_000);

  it('refuses what is not a PNG, WebP or safe SVG (422 naming the logo), a logo over the size bound (413), and non-organizers (403), changing nothing', async () => {
    const voter = await k.voter();
    const files = stored();
    const before = await stateFingerprint(k.t.app);
    const refuse = async (bytes: Buffer, contentType: string, slug: string) => {
      const res = await upload(bytes, contentType);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: problemType(slug), errors: [expect.objectContaining({ field: 'logo' })] });
    };
    await refuse(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'image/gif', 'unsupported-logo');
    await refuse(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png', 'unsupported-logo');
    await refuse(Buffer.alloc(0), 'image/png', 'unsupported-logo');
    await refuse(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'), 'image/svg+xml', 'unsafe-svg');
    await refuse(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>'), 'image/svg+xml', 'unsafe-svg');
    const json = await k.call('post', `/api/tenants/${k.t.tenantId}/branding/logo`, k.organizer, { logo: 'x' });
    expect(json.status).toBe(422);
    const large = await upload(Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]), 'image/png');
    expect(large.status).toBe(413);
    expect(large.headers['content-type']).toContain('application/problem+json');
    expect((await upload(PNG, 'image/png', voter.token)).status).toBe(403);
    expect(await stateFingerprint(k.t.app)).toBe(before);
    expect(stored()).toEqual(files);
  }, 60_000);

  it('a plain SVG is accepted and served as image/svg+xml under a policy that lets it run nothing', async () => {
    const res = await upload(SVG, 'image/svg+xml');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ contentType: 'image/svg+xml', logoUrl: expect.stringMatching(/\.svg$/) });
    const served = await fetchAsset(res.body.logoUrl as string, 'demo');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(served.body as Buffer, SVG)).toBe(0);
  }, 60_000);
});
