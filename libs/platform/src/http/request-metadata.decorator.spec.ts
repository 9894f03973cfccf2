import { PlatformError } from '../errors/platform.errors';
import { ProblemCatalog } from '../errors/problem-catalog';
import { requestMetadataOf, tenantIdOf } from './request-metadata.decorator';

describe('request metadata', () => {
  const context = { requestId: 'req-1', clientIp: '203.0.113.9', tenant: { id: 't-1', slug: 'acme' }, actor: { userId: 'u-1', roles: ['voter' as const], sessionId: 's-1' } };

  it('carries the tenant, actor, client IP and the request id as correlation; no causation', () => {
    expect(requestMetadataOf(context)).toEqual({ tenantId: 't-1', actorId: 'u-1', clientIp: '203.0.113.9', correlationId: 'req-1', causationId: null });
    expect(requestMetadataOf({ ...context, actor: undefined }).actorId).toBeNull();
  });

  it('refuses a request that names no tenant as 400 tenant-required', () => {
    const noTenant = { requestId: 'req-2', clientIp: null };
    expect(() => tenantIdOf(noTenant)).toThrow(PlatformError);
    expect(() => requestMetadataOf(noTenant)).toThrow(expect.objectContaining({ code: 'PLATFORM.TENANT_REQUIRED' }));
    expect(ProblemCatalog.lookup('PLATFORM.TENANT_REQUIRED')).toEqual({ status: 400, slug: 'tenant-required', title: 'The request names no tenant' });
  });
});
