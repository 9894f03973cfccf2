import { Actor, CommandMetadata, commandMetadata, RequestContext } from '@tally/platform';
import type { IdentityActor } from '../auth/bearer-authenticator';
import { identityError } from '../identity.errors';

/**
 * For actions on the caller's own account: the tenant is the one the user belongs to, which
 * differs from the request's only for a platform admin acting in another tenant. Every other
 * command takes @RequestMetadata() (the platform's decorator).
 */
export function selfMetadataOf(ctx: RequestContext): { actor: Actor; metadata: CommandMetadata } {
  const actor = ctx.actor as IdentityActor | undefined;
  if (!actor) throw identityError('IDENTITY.UNAUTHENTICATED', 'A valid access token is required');
  const metadata = commandMetadata({ tenantId: actor.homeTenantId, actorId: actor.userId, clientIp: ctx.clientIp, correlationId: ctx.requestId });
  return { actor, metadata };
}
