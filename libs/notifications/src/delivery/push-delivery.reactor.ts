import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { metadataCausedBy, Reactor, ReadPositionWaiter, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { UnsubscribeDeviceCommand } from '../commands/unsubscribe-device/unsubscribe-device.command';
import { composeMessage, Notification, PushMessage } from '../domain/notification';
import { notificationOf } from '../domain/notification-of';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { awaitAudienceAt, olderThanPushTtl } from './audience-timing';
import { AudienceDevice, PushAudienceReader } from './push-audience.reader';
import { PUSH_SENDER, PushOutcome, PushSender } from './push-sender.port';

/** Sends in flight at once for one notification (a close can go to many devices). */
const PARALLEL_SENDS = 8;

/**
 * Push notifications, as a reactor on the runner's retries and dead letters: it follows event
 * openings and closes, the closing-soon, rank-change and receipts-anchored notices and review decisions of held votes; for each it
 * waits until the `notifications-audience` projection has applied that event (so every vote and
 * subscription before it in the log is there), then sends to every device of the audience not in
 * the ledger yet and records each success in `push_deliveries` (notification, device). When some
 * sends failed it throws after the others went out: the runner retries the event, parks it, and
 * retries it in the background (PROJECTIONS_PARKED_*), and `projections:replay-dead-letter` applies
 * it again — each time only the devices not in the ledger are sent to, so a replay or a restart
 * sends nothing twice. The one window left is a crash between a push service's 201 and the ledger
 * insert; the message's Topic (collapse key on FCM) is the notification id, so the push service
 * replaces an undelivered copy. A 404/410 from a push service unsubscribes the device.
 */
@RegisteredReactor()
export class PushDeliveryReactor implements Reactor {
  readonly name = 'notifications.push';
  readonly filter = {
    streamPrefixes: ['contest-', 'voter-', 'notice-', 'push-'],
    eventTypes: ['ContestStatusChanged', 'ContestClosingSoon', 'FavouriteRankChanged', 'ReceiptsAnchored', 'HeldVoteReleased', 'HeldVoteRejected'],
  };
  readonly batchSize = 20;
  private readonly logger = new Logger('PushDeliveryReactor');

  constructor(
    @Inject(PUSH_SENDER) private readonly sender: PushSender,
    private readonly audience: PushAudienceReader,
    private readonly waiter: ReadPositionWaiter,
    private readonly commands: CommandBus,
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const notification = notificationOf(event);
    if (!notification) return;
    if (olderThanPushTtl(event, this.clock.now(), this.config.ttlSeconds)) {
      this.logger.warn(`${notification.kind} ${notification.notificationId} not sent: older than PUSH_TTL_SECONDS`);
      return;
    }
    await awaitAudienceAt(this.waiter, event.position);
    const tenantId = event.metadata.tenantId;
    const devices = await this.audience.devices(tenantId, notification.audience, notification.kind, notification.notificationId, event.position);
    if (devices.length === 0) return;
    const message = composeMessage(notification, await this.audience.contestName(notification.contestId));
    const failures: string[] = [];
    for (let i = 0; i < devices.length; i += PARALLEL_SENDS) {
      await Promise.all(
        devices.slice(i, i + PARALLEL_SENDS).map((device) =>
          this.deliver(event, notification, device, message).catch((error: Error) => {
            failures.push(`${device.deviceId}: ${error.message}`);
          }),
        ),
      );
    }
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${devices.length} pushes of ${notification.kind} ${notification.notificationId} failed (retried; the others are not sent again): ${failures.slice(0, 3).join('; ')}`);
    }
  }

  private async deliver(event: RecordedEvent, notification: Notification, device: AudienceDevice, message: PushMessage): Promise<void> {
    const outcome = await this.sender.send(device.address, message);
    await this.record(event.metadata.tenantId, notification, device, outcome);
    if (outcome === 'gone') {
      this.logger.log(`Push device ${device.deviceId} is gone at its push service: unsubscribed`);
      await this.commands.execute(new UnsubscribeDeviceCommand({ userId: device.userId, deviceId: device.deviceId, reason: 'gone' }, metadataCausedBy(event)));
    }
  }

  private async record(tenantId: string, notification: Notification, device: AudienceDevice, outcome: PushOutcome): Promise<void> {
    await this.orm.em
      .getConnection()
      .execute(
        `insert into push_deliveries (notification_id, device_id, tenant_id, user_id, kind, outcome, delivered_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (notification_id, device_id) do nothing`,
        [notification.notificationId, device.deviceId, tenantId, device.userId, notification.kind, outcome, this.clock.now()],
      );
  }
}
