import { checkPushAddress, EndpointPolicy } from '../../domain/push-address';
import { PushDeviceSubscribed } from '../../domain/push.events';
import { PushState } from '../../domain/push.state';
import { NotificationsError } from '../../notifications.errors';
import { SubscribeDeviceInput } from './subscribe-device.command';

export interface SubscribeRules {
  policy: EndpointPolicy;
  maxDevices: number;
  /** FCM devices need a configured service account. */
  fcmConfigured: boolean;
  /** Web Push devices need a VAPID key pair (always there outside production). */
  webPushConfigured: boolean;
}

/**
 * A device is known by its endpoint or token (`deviceId` is derived from it by the handler):
 * subscribing it again with the same keys and label changes nothing, with new keys or a new
 * label replaces them (a browser renews its subscription).
 */
export function decideSubscribeDevice(input: SubscribeDeviceInput, deviceId: string, rules: SubscribeRules, state: PushState, now: Date): PushDeviceSubscribed[] {
  if (input.address.transport === 'fcm' && !rules.fcmConfigured) {
    throw new NotificationsError('NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED', 'FCM is not configured on this server: subscribe with Web Push', { errors: [{ field: 'transport', message: 'fcm is not configured' }] });
  }
  if (input.address.transport === 'webpush' && !rules.webPushConfigured) {
    throw new NotificationsError('NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED', 'Web Push is not configured on this server (VAPID keys)', { errors: [{ field: 'transport', message: 'webpush is not configured' }] });
  }
  checkPushAddress(input.address, rules.policy);
  const existing = state.devices.get(deviceId);
  if (existing && JSON.stringify(existing.address) === JSON.stringify(input.address) && existing.label === input.label) return [];
  if (!existing && state.devices.size >= rules.maxDevices) {
    throw new NotificationsError('NOTIFICATIONS.TOO_MANY_DEVICES', `At most ${rules.maxDevices} devices per voter: unsubscribe one first`, { limit: rules.maxDevices });
  }
  return [{ type: 'PushDeviceSubscribed', data: { userId: input.userId, deviceId, address: input.address, label: input.label, at: now.toISOString() } }];
}
