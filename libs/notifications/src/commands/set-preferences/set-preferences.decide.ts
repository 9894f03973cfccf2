import { NotificationPreferencesSet } from '../../domain/push.events';
import { PushState } from '../../domain/push.state';
import { fieldError } from '../../notifications.errors';
import { SetPreferencesInput } from './set-preferences.command';

export const MAX_FOLLOWS = 200;

/** The preferences replace the previous ones (sorted, without repeats); the same preferences again append nothing. */
export function decideSetPreferences(input: SetPreferencesInput, state: PushState, now: Date): NotificationPreferencesSet[] {
  const muted = [...new Set(input.muted)].sort();
  const follows = [...new Set(input.follows.map((id) => id.toLowerCase()))].sort();
  if (follows.length > MAX_FOLLOWS) throw fieldError('NOTIFICATIONS.INVALID_INPUT', 'follows', `At most ${MAX_FOLLOWS} events can be followed`);
  if (JSON.stringify(muted) === JSON.stringify(state.muted) && JSON.stringify(follows) === JSON.stringify(state.follows)) return [];
  return [{ type: 'NotificationPreferencesSet', data: { userId: input.userId, muted, follows, at: now.toISOString() } }];
}
