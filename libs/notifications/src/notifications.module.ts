import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig, ENV, Env } from '@tally/platform';
import { NoteContestClosingHandler } from './commands/note-contest-closing/note-contest-closing.handler';
import { NoteRankChangeHandler } from './commands/note-rank-change/note-rank-change.handler';
import { NoteReceiptsAnchoredHandler } from './commands/note-receipts-anchored/note-receipts-anchored.handler';
import { SetPreferencesHandler } from './commands/set-preferences/set-preferences.handler';
import { SetPreferencesHttpController } from './commands/set-preferences/set-preferences.http.controller';
import { SubscribeDeviceHandler } from './commands/subscribe-device/subscribe-device.handler';
import { SubscribeDeviceHttpController } from './commands/subscribe-device/subscribe-device.http.controller';
import { UnsubscribeDeviceHandler } from './commands/unsubscribe-device/unsubscribe-device.handler';
import { UnsubscribeDeviceHttpController } from './commands/unsubscribe-device/unsubscribe-device.http.controller';
import { PushAudienceReader } from './delivery/push-audience.reader';
import { PushDeliveryReactor } from './delivery/push-delivery.reactor';
import { PUSH_SENDER } from './delivery/push-sender.port';
import { TransportPushSender } from './delivery/transport-push.sender';
import { ClosingSoonJob } from './jobs/closing-soon.job';
import { RankWatchJob } from './jobs/rank-watch.job';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG } from './notifications.config';
import './notifications.errors';
import { PushAudienceProjection } from './projections/push-audience/push-audience.projection';
import { ReceiptAnchorsReactor } from './reactors/receipt-anchors.reactor';
import { GetPushSettingsHandler } from './queries/my-push-settings/get-push-settings.query';
import { PushSettingsHttpController } from './queries/my-push-settings/push-settings.http.controller';
import { VapidKeyHttpController } from './queries/vapid-key/vapid-key.http.controller';

/**
 * Push notifications (issue 19): voters register devices (Web Push with VAPID, FCM HTTP v1) and
 * preferences on `push-<tenant>.<user>`; the `notifications-audience` projection knows who voted
 * in and follows which event; the `notifications.push` reactor delivers, with the runner's
 * retries and dead letters, once per (notification, device); the closing-soon job notes events
 * about to close, the rank-watch job the moves of each voter's favourite (rate limited per voter),
 * the receipt-anchors reactor the anchors on a chain that cover voters' receipts (likewise).
 */
@Module({
  controllers: [SubscribeDeviceHttpController, UnsubscribeDeviceHttpController, SetPreferencesHttpController, PushSettingsHttpController, VapidKeyHttpController],
  providers: [
    { provide: NOTIFICATIONS_CONFIG, inject: [ENV, PLATFORM_CONFIG], useFactory: (env: Env, platform: PlatformConfig) => loadNotificationsConfig(env, platform.production) },
    { provide: PUSH_SENDER, useClass: TransportPushSender },
    SubscribeDeviceHandler,
    UnsubscribeDeviceHandler,
    SetPreferencesHandler,
    NoteContestClosingHandler,
    NoteRankChangeHandler,
    NoteReceiptsAnchoredHandler,
    GetPushSettingsHandler,
    PushAudienceReader,
    PushAudienceProjection,
    PushDeliveryReactor,
    ReceiptAnchorsReactor,
    ClosingSoonJob,
    RankWatchJob,
  ],
})
export class NotificationsModule {}
