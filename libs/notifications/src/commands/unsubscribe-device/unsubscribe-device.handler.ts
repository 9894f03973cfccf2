import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';
import { UnsubscribeDeviceCommand } from './unsubscribe-device.command';
import { decideUnsubscribeDevice } from './unsubscribe-device.decide';

@CommandHandler(UnsubscribeDeviceCommand)
export class UnsubscribeDeviceHandler implements ICommandHandler<UnsubscribeDeviceCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: UnsubscribeDeviceCommand): Promise<void> {
    const now = this.clock.now();
    await this.runner.run({ decider: pushDecider, streamId: pushStream(metadata.tenantId, input.userId), decide: (state) => decideUnsubscribeDevice(input, state, now) }, metadata);
  }
}
