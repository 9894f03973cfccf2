import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid } from '@tally/platform';
import { addressKey } from '../../domain/push-address';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../notifications.config';
import { SubscribeDeviceCommand, SubscribeDeviceResult } from './subscribe-device.command';
import { decideSubscribeDevice, SubscribeRules } from './subscribe-device.decide';

@CommandHandler(SubscribeDeviceCommand)
export class SubscribeDeviceHandler implements ICommandHandler<SubscribeDeviceCommand, SubscribeDeviceResult> {
  private readonly rules: SubscribeRules;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig,
  ) {
    this.rules = { policy: { hosts: config.endpointHosts }, maxDevices: config.maxDevicesPerUser, fcmConfigured: config.fcm !== null, webPushConfigured: config.vapid !== null };
  }

  async execute({ input, metadata }: SubscribeDeviceCommand): Promise<SubscribeDeviceResult> {
    const deviceId = deterministicUuid('push-device', metadata.tenantId, input.userId, addressKey(input.address));
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: pushDecider, streamId: pushStream(metadata.tenantId, input.userId), decide: (state) => decideSubscribeDevice(input, deviceId, this.rules, state, now) },
      metadata,
    );
    return { deviceId, transport: input.address.transport, label: input.label, changed: outcome.events.length > 0 };
  }
}
