import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { PushMessage } from '../domain/notification';
import type { PushAddress } from '../domain/push.events';
import type { NotificationsConfig } from '../notifications.config';
import { PushOutcome, PushSendError } from './push-sender.port';

/**
 * Web Push (RFC 8030) through the `web-push` package: the payload encrypted with aes128gcm
 * (RFC 8291) for the subscription's keys, the request signed with our VAPID key (RFC 8292).
 * `Topic` is the notification id, so a push service still holding an undelivered copy of a
 * message sent twice (a crash between the send and the ledger write) replaces it instead of
 * showing both. The package is loaded at the first send: a process that never sends Web Push
 * (most tests, any deployment without VAPID keys) does not pay for it at start.
 */
export class WebPushSender {
  /** Keep-alive: a close goes to many devices at a few push services, one TLS handshake each. */
  private readonly agent: Agent;

  constructor(private readonly config: Pick<NotificationsConfig, 'ttlSeconds' | 'sendTimeoutMs' | 'extraCa'> & { vapid: NonNullable<NotificationsConfig['vapid']> }) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, ...(config.extraCa ? { ca: [...rootCertificates, config.extraCa] } : {}) });
  }

  async send(address: Extract<PushAddress, { transport: 'webpush' }>, message: PushMessage): Promise<PushOutcome> {
    const { publicKey, privateKey, subject } = this.config.vapid;
    const { sendNotification, WebPushError } = await import('web-push');
    try {
      await sendNotification(
        { endpoint: address.endpoint, keys: { p256dh: address.p256dh, auth: address.auth } },
        JSON.stringify({ title: message.title, body: message.body, data: message.data }),
        {
          vapidDetails: { subject, publicKey, privateKey },
          TTL: this.config.ttlSeconds,
          topic: message.notificationId.replace(/-/g, ''),
          urgency: message.kind === 'contest-closing' ? 'high' : 'normal',
          contentEncoding: 'aes128gcm',
          timeout: this.config.sendTimeoutMs,
          agent: this.agent,
        },
      );
      return 'sent';
    } catch (error) {
      if (error instanceof WebPushError) {
        if (error.statusCode === 404 || error.statusCode === 410) return 'gone';
        throw new PushSendError(`Web Push to ${new URL(address.endpoint).host} answered ${error.statusCode}: ${error.body.slice(0, 200)}`, error.statusCode);
      }
      throw new PushSendError(`Web Push to ${new URL(address.endpoint).host} failed: ${(error as Error).message}`, null);
    }
  }
}
