import { generateKeyPairSync } from 'node:crypto';
import { generateVAPIDKeys } from 'web-push';
import type { PushMessage } from '../domain/notification';
import { loadNotificationsConfig } from '../notifications.config';
import { LocalFcmServer } from '../testing/fcm-server';
import { WebPushEndpoint } from '../testing/web-push-endpoint';
import { FcmSender } from './fcm.sender';
import { PushSendError } from './push-sender.port';
import { WebPushSender } from './web-push.sender';

/**
 * The two push adapters against real local peers: Web Push against an endpoint that decrypts the
 * aes128gcm body with the subscription's private key and verifies the VAPID token (ES256, aud,
 * exp, sub), FCM HTTP v1 against a token endpoint that verifies the service account's RS256
 * assertion and a send endpoint that checks the bearer and the message shape.
 */
describe('push senders (int)', () => {
  const vapid = generateVAPIDKeys();
  const endpoint = new WebPushEndpoint({ vapidPublicKey: vapid.publicKey, subject: 'mailto:ops@tally.test' });
  const env = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@tally.test', PUSH_TLS_CA_FILE: endpoint.caFile, PUSH_ENDPOINT_HOSTS: '127.0.0.1' };
  let config: ReturnType<typeof loadNotificationsConfig> & { vapid: NonNullable<ReturnType<typeof loadNotificationsConfig>['vapid']> };
  const message: PushMessage = {
    notificationId: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b',
    kind: 'contest-closed',
    title: 'Finals has closed',
    body: 'Voting in Finals is over. Thanks for taking part.',
    data: { notificationId: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b', kind: 'contest-closed', eventId: 'e1', at: '2026-03-01T12:00:00.000Z' },
  };
  let fcm: LocalFcmServer;

  beforeAll(async () => {
    await endpoint.start();
    const loaded = loadNotificationsConfig(env, false);
    config = { ...loaded, vapid: loaded.vapid! };
    fcm = await new LocalFcmServer().start();
  });
  afterAll(async () => {
    await endpoint.stop();
    await fcm.stop();
  });

  const address = (subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) => ({ transport: 'webpush' as const, endpoint: subscription.endpoint, ...subscription.keys });

  it('Web Push: the endpoint decrypts the payload with the browser’s key and verifies the VAPID token', async () => {
    const browser = endpoint.subscribe();
    await expect(new WebPushSender(config).send(address(browser), message)).resolves.toBe('sent');
    const [push] = endpoint.receivedBy(browser);
    expect(endpoint.refused).toEqual([]);
    expect(push.payload).toEqual({ title: message.title, body: message.body, data: message.data });
    expect(push.vapid).toMatchObject({ aud: new URL(browser.endpoint).origin, sub: 'mailto:ops@tally.test', publicKey: vapid.publicKey });
    expect(push.headers).toEqual({ ttl: String(config.ttlSeconds), topic: '0190a6f67d8e7f908a1b2c3d4e5f6a7b', urgency: 'normal' });
  });

  it('Web Push: a payload for other keys does not decrypt, a token signed with another key does not verify', async () => {
    const browser = endpoint.subscribe();
    const stranger = endpoint.subscribe();
    const refusedBefore = endpoint.refused.length;
    // Encrypted for the stranger's keys but sent to the browser's endpoint: only the stranger could read it.
    await expect(new WebPushSender(config).send({ ...address(browser), p256dh: stranger.keys.p256dh, auth: stranger.keys.auth }, message)).rejects.toMatchObject({ status: 403 });
    const other = generateVAPIDKeys();
    const impostor = new WebPushSender({ ...config, vapid: { ...config.vapid, publicKey: other.publicKey, privateKey: other.privateKey } });
    await expect(impostor.send(address(browser), message)).rejects.toBeInstanceOf(PushSendError);
    expect(endpoint.receivedBy(browser)).toEqual([]);
    expect(endpoint.refused.slice(refusedBefore)).toEqual([expect.stringMatching(/GCM|auth|decrypt/i), 'VAPID k is not the server key']);
  });

  it('Web Push: 410 Gone is "gone", a dropped connection and a 500 are failures to retry', async () => {
    const sender = new WebPushSender(config);
    await expect(sender.send(address(endpoint.subscribe('gone')), message)).resolves.toBe('gone');
    await expect(sender.send(address(endpoint.subscribe('down')), message)).rejects.toMatchObject({ status: null });
    await expect(sender.send(address(endpoint.subscribe({ status: 500 })), message)).rejects.toMatchObject({ status: 500 });
  });

  it('FCM HTTP v1: one verified token exchange, then messages of the v1 shape; UNREGISTERED is "gone"', async () => {
    const settings = loadNotificationsConfig({ ...env, FCM_SERVICE_ACCOUNT_JSON: fcm.serviceAccountJson(), FCM_BASE_URL: fcm.baseUrl }, false);
    const sender = new FcmSender(settings.fcm!, settings);
    await expect(sender.send({ transport: 'fcm', token: 'device-token-aaaaaaaaaaaaaaaa' }, message)).resolves.toBe('sent');
    await expect(sender.send({ transport: 'fcm', token: 'device-token-bbbbbbbbbbbbbbbb' }, message)).resolves.toBe('sent');
    await expect(sender.send({ transport: 'fcm', token: 'gone-device-token-cccccccccccc' }, message)).resolves.toBe('gone');
    expect(fcm.refused).toEqual([]);
    expect(fcm.tokensIssued).toBe(1);
    expect(fcm.received.map((m) => m.message.token)).toEqual(['device-token-aaaaaaaaaaaaaaaa', 'device-token-bbbbbbbbbbbbbbbb']);
    expect(fcm.received[0]).toMatchObject({ projectId: fcm.projectId, message: { notification: { title: message.title, body: message.body }, data: message.data, android: { collapse_key: '0190a6f67d8e7f908a1b2c3d4e5f6a7b' } } });
  });

  it('FCM HTTP v1: an assertion signed with another key gets no token, and nothing is sent', async () => {
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const account = { ...JSON.parse(fcm.serviceAccountJson()), private_key: wrongKey };
    const settings = loadNotificationsConfig({ ...env, FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(account), FCM_BASE_URL: fcm.baseUrl }, false);
    const before = fcm.received.length;
    await expect(new FcmSender(settings.fcm!, settings).send({ transport: 'fcm', token: 'device-token-dddddddddddddddd' }, message)).rejects.toMatchObject({ status: 401 });
    expect(fcm.received.length).toBe(before);
  });

  it('refuses a configuration with half a VAPID pair or a pair that does not match; production without a pair has Web Push off, never development keys', () => {
    expect(() => loadNotificationsConfig({ VAPID_PUBLIC_KEY: vapid.publicKey }, false)).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadNotificationsConfig({ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: generateVAPIDKeys().privateKey }, false)).toThrow(/not the private key/);
    expect(loadNotificationsConfig({}, true).vapid).toBeNull();
    expect(() => loadNotificationsConfig({ PUSH_TLS_CA_FILE: '/nonexistent/ca.pem' }, false)).toThrow(/PUSH_TLS_CA_FILE/);
    expect(loadNotificationsConfig({}, false).vapid?.publicKey).toBe(loadNotificationsConfig({}, false).vapid?.publicKey);
  });
});
