import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionRevocations } from '../../auth/session-revocations';
import { userDecider, userStream } from '../../domain/user.stream';
import { BlockUserCommand } from './block-user.command';
import { decideBlock } from './block-user.decide';

@CommandHandler(BlockUserCommand)
export class BlockUserHandler implements ICommandHandler<BlockUserCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: BlockUserCommand): Promise<void> {
    const outcome = await this.runner.run(
      { decider: userDecider, streamId: userStream(command.metadata.tenantId, command.userId), decide: (state) => decideBlock(state, command.reason, this.clock.now()) },
      command.metadata,
    );
    this.revocations.markRevoked(outcome.events.flatMap((event) => (event.type === 'SessionRevoked' ? [event.data.sessionId] : [])));
  }
}
