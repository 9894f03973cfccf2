import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid } from '@tally/platform';
import { anchorStream } from '../../domain/anchor.streams';
import { contestAnchorsDecider } from '../../domain/contest-anchors.state';
import { RecordAnchorConfirmedCommand } from './record-anchor-confirmed.command';
import { decideRecordAnchorConfirmed } from './record-anchor-confirmed.decide';

/** A namespace of AnchorConfirmed event ids: one per anchor. */
const CONFIRMATION_IDS = 'tally:anchoring:anchor-confirmed';

@CommandHandler(RecordAnchorConfirmedCommand)
export class RecordAnchorConfirmedHandler implements ICommandHandler<RecordAnchorConfirmedCommand, boolean> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RecordAnchorConfirmedCommand): Promise<boolean> {
    const now = this.clock.now();
    const eventId = deterministicUuid(CONFIRMATION_IDS, input.anchorId);
    const outcome = await this.runner.run(
      { decider: contestAnchorsDecider, streamId: anchorStream(metadata.tenantId, input.contestId), decide: (state) => decideRecordAnchorConfirmed(input, eventId, state, now) },
      metadata,
    );
    return outcome.events.length > 0;
  }
}
