import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { NotificationKind, PushTransport } from '../../domain/push.events';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';

export interface PushDeviceView {
  deviceId: string;
  transport: PushTransport;
  label: string | null;
  /** Where it is reached, shortened: the push service's host (webpush) or the token's last characters (fcm). */
  target: string;
}

export interface PushSettingsView {
  devices: PushDeviceView[];
  muted: NotificationKind[];
  follows: string[];
}

export class GetPushSettingsQuery extends Query<PushSettingsView> {
  constructor(
    readonly tenantId: string,
    readonly userId: string,
  ) {
    super();
  }
}

/** Read from the voter's own stream, so a device just subscribed is listed at once (no projection lag). */
@QueryHandler(GetPushSettingsQuery)
export class GetPushSettingsHandler implements IQueryHandler<GetPushSettingsQuery, PushSettingsView> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ tenantId, userId }: GetPushSettingsQuery): Promise<PushSettingsView> {
    const { state } = await this.runner.load(pushDecider, pushStream(tenantId, userId));
    const devices = [...state.devices.values()].map(({ deviceId, address, label }) => ({
      deviceId,
      transport: address.transport,
      label,
      target: address.transport === 'webpush' ? new URL(address.endpoint).host : `…${address.token.slice(-6)}`,
    }));
    return { devices, muted: [...state.muted], follows: [...state.follows] };
  }
}
