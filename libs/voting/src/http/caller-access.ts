import { CommandMetadata, commandMetadata } from '@tally/eventstore';
import { Actor, RequestContext, Role } from '@tally/platform';
import { VotingError } from '../voting.errors';

/** The command metadata of an HTTP request: its tenant, actor, address and request id. */
export function metadataOf(ctx: RequestContext): CommandMetadata {
  return commandMetadata({ tenantId: tenantOf(ctx), actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
}

export function tenantOf(ctx: RequestContext): string {
  if (!ctx.tenant) throw new VotingError('VOTING.TENANT_REQUIRED', 'Name the tenant with X-Tenant-Id');
  return ctx.tenant.id;
}

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new VotingError('VOTING.NOT_ALLOWED', 'Sign in first');
  return ctx.actor;
}

export function hasAnyRole(actor: Actor | undefined, roles: readonly Role[]): boolean {
  return !!actor && actor.roles.some((role) => role === 'platform_admin' || roles.includes(role));
}
