import { pushDecider } from '../../domain/push.state';
import { NotificationsError } from '../../notifications.errors';
import { decideSubscribeDevice, SubscribeRules } from './subscribe-device.decide';

const now = new Date('2026-03-01T12:00:00.000Z');
const rules: SubscribeRules = { policy: { hosts: ['.push.services.mozilla.com', 'fcm.googleapis.com'], }, maxDevices: 2, fcmConfigured: false, webPushConfigured: true };
const p256dh = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
const auth = Buffer.alloc(16, 1).toString('base64url');
const web = (endpoint: string) => ({ transport: 'webpush' as const, endpoint, p256dh, auth });
const input = (endpoint = 'https://updates.push.services.mozilla.com/wpush/v2/abc') => ({ userId: 'u1', address: web(endpoint), label: 'Laptop' });
const refusal = (run: () => unknown): { code: string; field?: string } => {
  try {
    run();
  } catch (error) {
    const e = error as NotificationsError;
    return { code: e.code, field: (e.details.errors as { field: string }[] | undefined)?.[0]?.field };
  }
  throw new Error('not refused');
};

describe('decideSubscribeDevice', () => {
  const empty = pushDecider.initialState();

  it('subscribes a device at a push service; the same subscription again changes nothing', () => {
    const events = decideSubscribeDevice(input(), 'd1', rules, empty, now);
    expect(events).toEqual([{ type: 'PushDeviceSubscribed', data: { userId: 'u1', deviceId: 'd1', address: web('https://updates.push.services.mozilla.com/wpush/v2/abc'), label: 'Laptop', at: now.toISOString() } }]);
    const state = events.reduce(pushDecider.evolve, empty);
    expect(decideSubscribeDevice(input(), 'd1', rules, state, now)).toEqual([]);
    expect(decideSubscribeDevice({ ...input(), label: 'Phone' }, 'd1', rules, state, now)).toHaveLength(1);
  });

  it('refuses endpoints that are not https at a push service, naming the field', () => {
    expect(refusal(() => decideSubscribeDevice(input('http://updates.push.services.mozilla.com/x'), 'd1', rules, empty, now))).toEqual({ code: 'NOTIFICATIONS.ENDPOINT_NOT_ALLOWED', field: 'endpoint' });
    expect(refusal(() => decideSubscribeDevice(input('https://169.254.169.254/latest'), 'd1', rules, empty, now))).toEqual({ code: 'NOTIFICATIONS.ENDPOINT_NOT_ALLOWED', field: 'endpoint' });
    expect(refusal(() => decideSubscribeDevice(input('https://evilpush.services.mozilla.com.example/x'), 'd1', rules, empty, now)).code).toBe('NOTIFICATIONS.ENDPOINT_NOT_ALLOWED');
    expect(refusal(() => decideSubscribeDevice(input('not a url'), 'd1', rules, empty, now))).toEqual({ code: 'NOTIFICATIONS.INVALID_INPUT', field: 'endpoint' });
  });

  it('refuses keys RFC 8291 cannot encrypt for', () => {
    const bad = { ...input(), address: { ...web('https://updates.push.services.mozilla.com/x'), p256dh: Buffer.alloc(65, 2).toString('base64url') } };
    expect(refusal(() => decideSubscribeDevice(bad, 'd1', rules, empty, now))).toEqual({ code: 'NOTIFICATIONS.INVALID_INPUT', field: 'keys.p256dh' });
    const shortAuth = { ...input(), address: { ...web('https://updates.push.services.mozilla.com/x'), auth: 'abc' } };
    expect(refusal(() => decideSubscribeDevice(shortAuth, 'd1', rules, empty, now))).toEqual({ code: 'NOTIFICATIONS.INVALID_INPUT', field: 'keys.auth' });
  });

  it('refuses Web Push when it is not configured (production without VAPID keys), naming the transport', () => {
    expect(refusal(() => decideSubscribeDevice(input(), 'd1', { ...rules, webPushConfigured: false }, empty, now))).toEqual({ code: 'NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED', field: 'transport' });
  });

  it('refuses FCM when it is not configured, and more devices than allowed', () => {
    expect(refusal(() => decideSubscribeDevice({ userId: 'u1', address: { transport: 'fcm', token: 'x'.repeat(40) }, label: null }, 'd1', rules, empty, now)).code).toBe('NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED');
    const two = [...decideSubscribeDevice(input('https://a.push.services.mozilla.com/1'), 'd1', rules, empty, now), ...decideSubscribeDevice(input('https://a.push.services.mozilla.com/2'), 'd2', rules, empty, now)].reduce(
      pushDecider.evolve,
      empty,
    );
    expect(refusal(() => decideSubscribeDevice(input('https://a.push.services.mozilla.com/3'), 'd3', rules, two, now)).code).toBe('NOTIFICATIONS.TOO_MANY_DEVICES');
  });
});
