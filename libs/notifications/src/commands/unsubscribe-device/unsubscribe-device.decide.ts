import { PushDeviceUnsubscribed } from '../../domain/push.events';
import { PushState } from '../../domain/push.state';
import { NotificationsError } from '../../notifications.errors';
import { UnsubscribeDeviceInput } from './unsubscribe-device.command';

/** The voter removing a device they do not have is a 404; a push service's second 410 for it is nothing to do. */
export function decideUnsubscribeDevice(input: UnsubscribeDeviceInput, state: PushState, now: Date): PushDeviceUnsubscribed[] {
  if (!state.devices.has(input.deviceId)) {
    if (input.reason === 'gone') return [];
    throw new NotificationsError('NOTIFICATIONS.DEVICE_NOT_FOUND', 'No such push device of yours', { deviceId: input.deviceId });
  }
  return [{ type: 'PushDeviceUnsubscribed', data: { userId: input.userId, deviceId: input.deviceId, reason: input.reason, at: now.toISOString() } }];
}
