import { CommandMetadata, commandMetadata } from '@tally/eventstore';
import { Actor, DomainError, RequestContext } from '@tally/platform';
import type { IdentityActor } from '../auth/bearer-authenticator';
import { identityError } from '../identity.errors';

/** Command metadata from the request: tenant, actor, client IP, and the request id as correlation. */
export function metadataOf(ctx: RequestContext): CommandMetadata {
  if (!ctx.tenant) throw new DomainError('TENANCY.TENANT_REQUIRED', 'Name the tenant with X-Tenant-Id');
  return commandMetadata({ tenantId: ctx.tenant.id, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
}

/**
 * For actions on the caller's own account: the tenant is the one the user belongs to, which
 * differs from the request's only for a platform admin acting in another tenant.
 */
export function selfMetadataOf(ctx: RequestContext): { actor: Actor; metadata: CommandMetadata } {
  const actor = ctx.actor as IdentityActor | undefined;
  if (!actor) throw identityError('IDENTITY.UNAUTHENTICATED', 'A valid access token is required');
  const metadata = commandMetadata({ tenantId: actor.homeTenantId, actorId: actor.userId, clientIp: ctx.clientIp, correlationId: ctx.requestId });
  return { actor, metadata };
}
