import { Actor, RequestContext, Role } from '@tally/platform';
import { VotingError } from '../voting.errors';

/** The signed-in caller; the routes that use it are behind the auth guard, so none is a refusal, not a bug. */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new VotingError('VOTING.NOT_ALLOWED', 'Sign in first');
  return ctx.actor;
}

export function hasAnyRole(actor: Actor | undefined, roles: readonly Role[]): boolean {
  return !!actor && actor.roles.some((role) => role === 'platform_admin' || roles.includes(role));
}
