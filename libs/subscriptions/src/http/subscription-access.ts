import { Actor, RequestContext, Role } from '@tally/platform';
import { SubscriptionState } from '../domain/subscription.state';
import { SubscriptionsError } from '../subscriptions.errors';

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new SubscriptionsError('SUBSCRIPTIONS.NOT_ALLOWED', 'Sign in first');
  return ctx.actor;
}

const hasRole = (actor: Actor, roles: readonly Role[]): boolean => actor.roles.some((role) => role === 'platform_admin' || roles.includes(role));

/**
 * Who may see or change a subscription: its subscriber, and the tenant's organizers (auditors
 * may read). Anyone else gets 404, as for a subscription that does not exist: ids are not
 * confirmed to strangers.
 */
export function assertSubscriptionAccess(state: SubscriptionState, actor: Actor, access: 'read' | 'change'): void {
  const allowed = state.exists && (state.userId === actor.userId || hasRole(actor, access === 'read' ? ['organizer', 'auditor'] : ['organizer']));
  if (!allowed) throw new SubscriptionsError('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND', 'No such subscription');
}
