import type { PushMessage } from '../domain/notification';
import type { PushAddress } from '../domain/push.events';
import type { NotificationsConfig } from '../notifications.config';
import { FcmAccessToken } from './fcm-access-token';
import { PushOutcome, PushSendError } from './push-sender.port';

type FcmSettings = NonNullable<NotificationsConfig['fcm']>;

/**
 * FCM's HTTP v1 API: `POST {base}/v1/projects/{project}/messages:send` with the service
 * account's OAuth2 bearer. 404 UNREGISTERED (and 410) mean the app instance is gone.
 * `collapse_key` / `apns-collapse-id` are the notification id, as Web Push's Topic.
 */
export class FcmSender {
  private readonly token: FcmAccessToken;

  constructor(
    private readonly fcm: FcmSettings,
    private readonly config: Pick<NotificationsConfig, 'ttlSeconds' | 'sendTimeoutMs'>,
  ) {
    this.token = new FcmAccessToken(fcm.account, config.sendTimeoutMs);
  }

  async send(address: Extract<PushAddress, { transport: 'fcm' }>, message: PushMessage): Promise<PushOutcome> {
    const bearer = await this.token.get();
    const url = `${this.fcm.baseUrl}/v1/projects/${encodeURIComponent(this.fcm.account.projectId)}/messages:send`;
    const collapse = message.notificationId.replace(/-/g, '');
    const body = {
      message: {
        token: address.token,
        notification: { title: message.title, body: message.body },
        data: message.data,
        android: { ttl: `${this.config.ttlSeconds}s`, collapse_key: collapse },
        apns: { headers: { 'apns-collapse-id': collapse } },
      },
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.config.sendTimeoutMs),
    }).catch((error: Error) => {
      throw new PushSendError(`FCM send failed: ${error.message}`, null);
    });
    if (response.ok) return 'sent';
    const text = await response.text().catch(() => '');
    if (response.status === 410 || (response.status === 404 && text.includes('UNREGISTERED'))) return 'gone';
    if (response.status === 401) this.token.forget();
    throw new PushSendError(`FCM answered ${response.status}: ${text.slice(0, 200)}`, response.status);
  }
}
