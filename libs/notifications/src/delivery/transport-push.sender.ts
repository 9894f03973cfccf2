import { Inject, Injectable } from '@nestjs/common';
import type { PushMessage } from '../domain/notification';
import type { PushAddress } from '../domain/push.events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { FcmSender } from './fcm.sender';
import { PushOutcome, PushSendError, PushSender } from './push-sender.port';
import { WebPushSender } from './web-push.sender';

/** The PushSender of the app: each address to the sender of its transport. */
@Injectable()
export class TransportPushSender implements PushSender {
  private readonly webPush: WebPushSender | null;
  private readonly fcm: FcmSender | null;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    this.webPush = config.vapid ? new WebPushSender({ ...config, vapid: config.vapid }) : null;
    this.fcm = config.fcm ? new FcmSender(config.fcm, config) : null;
  }

  send(address: PushAddress, message: PushMessage): Promise<PushOutcome> {
    switch (address.transport) {
      case 'webpush':
        // Subscribed while Web Push was configured; failing keeps the message for when it is again.
        if (!this.webPush) return Promise.reject(new PushSendError('Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)', null));
        return this.webPush.send(address, message);
      case 'fcm':
        // Subscribed while FCM was configured; failing keeps the message for when it is again.
        if (!this.fcm) return Promise.reject(new PushSendError('FCM is not configured (FCM_SERVICE_ACCOUNT_JSON)', null));
        return this.fcm.send(address, message);
      default: {
        const never: never = address;
        return Promise.reject(new Error(`Unknown transport ${JSON.stringify(never)}`));
      }
    }
  }
}
