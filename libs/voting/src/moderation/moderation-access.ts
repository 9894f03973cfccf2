import { Actor } from '@tally/platform';

/**
 * Whether the caller reviews moderated content (a moderator of the tenant, or a platform admin).
 * What such a caller submits is approved as it is submitted: they could approve it a moment later
 * anyway, and the approval is still recorded with them as its reviewer.
 */
export function isReviewer(actor: Actor | undefined): boolean {
  return !!actor && actor.roles.some((role) => role === 'moderator' || role === 'platform_admin');
}
