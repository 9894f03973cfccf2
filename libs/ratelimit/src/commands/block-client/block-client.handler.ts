import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { blocksDecider } from '../../domain/blocks.state';
import { blocksStream } from '../../domain/ratelimit.streams';
import { BlockClientCommand, BlockClientResult } from './block-client.command';
import { decideBlockClient } from './block-client.decide';

@CommandHandler(BlockClientCommand)
export class BlockClientHandler implements ICommandHandler<BlockClientCommand, BlockClientResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: BlockClientCommand): Promise<BlockClientResult> {
    const blockId = uuidv7();
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: blocksDecider, streamId: blocksStream(), decide: () => decideBlockClient(input, blockId, now) }, metadata);
    const { network, until } = outcome.events[0].type === 'ClientBlocked' ? outcome.events[0].data : { network: input.network, until: now.toISOString() };
    return { blockId, network, until };
  }
}
