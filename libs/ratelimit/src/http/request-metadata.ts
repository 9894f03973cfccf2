import { CommandMetadata, commandMetadata } from '@tally/eventstore';
import { RequestContext } from '@tally/platform';
import { RateLimitError } from '../ratelimit.errors';

/** Command metadata from the request: tenant, actor, client IP, and the request id as correlation. */
export function metadataOf(ctx: RequestContext): CommandMetadata {
  if (!ctx.tenant) throw new RateLimitError('RATELIMIT.TENANT_REQUIRED', 'Name the tenant with X-Tenant-Id');
  return commandMetadata({ tenantId: ctx.tenant.id, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
}

export function isPlatformAdmin(ctx: RequestContext): boolean {
  return ctx.actor?.roles.includes('platform_admin') ?? false;
}
