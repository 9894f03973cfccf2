import { CommandMetadata } from '@tally/platform';
import { NotificationsError } from '../notifications.errors';

/** The signed-in voter the request acts for: notification routes are about the caller's own devices. */
export function callerOf(metadata: CommandMetadata): string {
  if (!metadata.actorId) throw new NotificationsError('NOTIFICATIONS.NOT_SIGNED_IN', 'Sign in first');
  return metadata.actorId;
}
