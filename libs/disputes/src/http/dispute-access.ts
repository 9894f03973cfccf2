import { Actor, RequestContext } from '@tally/platform';
import { DisputesError } from '../disputes.errors';

/** Organizers (and platform admins) open, work and close any case of their tenant. */
export function isStaff(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'organizer' || role === 'platform_admin');
}

/** Staff and auditors read every case of the tenant; anyone else only their own. */
export function readsAllCases(actor: Actor): boolean {
  return isStaff(actor) || actor.roles.includes('auditor');
}

/** The authenticated caller (the global auth guard has already refused anonymous calls). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DisputesError('DISPUTES.NOT_ALLOWED', 'A valid access token is required');
  return ctx.actor;
}
