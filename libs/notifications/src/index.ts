// The only import surface of the notifications context.
export * from './notifications.errors';
export { NotificationsModule } from './notifications.module';
export { notificationsSchema } from './notifications.schema';
export type { PushEvent, PushAddress, PushTransport, NotificationKind, ContestClosingSoon } from './domain/push.events';
export { PUSH_CATEGORY, PUSH_EVENT_TYPES, CONTEST_NOTICE_CATEGORY, NOTIFICATION_KINDS } from './domain/push.events';
export { pushStream, contestNoticeStream } from './domain/push.streams';
export { PUSH_AUDIENCE_PROJECTION } from './projections/push-audience/push-audience.projection';
export { PUSH_SENDER } from './delivery/push-sender.port';
export type { PushSender, PushOutcome } from './delivery/push-sender.port';
export type { PushMessage } from './domain/notification';
// Local peers for tests (a Web Push endpoint that decrypts and verifies, an OAuth2 + FCM v1 server).
export { WebPushEndpoint, decryptAes128gcm } from './testing/web-push-endpoint';
export type { BrowserSubscription, ReceivedPush, EndpointMode } from './testing/web-push-endpoint';
export { LocalFcmServer } from './testing/fcm-server';
export type { ReceivedFcmMessage } from './testing/fcm-server';
