import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid, uuidv7 } from '@tally/platform';
import { eventsOfType, judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { blendedSnapshotItems } from '../../ranking/snapshot-items';
import { TakeSnapshotCommand, TakeSnapshotResult } from './take-snapshot.command';
import { decideTakeSnapshot } from './take-snapshot.decide';

/** On demand (an organizer), or at the event's close (ContestCloseSnapshotReactor: one snapshot per close, so its id is derived from the event). */
@CommandHandler(TakeSnapshotCommand)
export class TakeSnapshotHandler implements ICommandHandler<TakeSnapshotCommand, TakeSnapshotResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: TakeSnapshotCommand): Promise<TakeSnapshotResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const votes = await this.facts.votes(metadata.tenantId, input.contestId);
    const snapshotId = input.reason === 'close' ? deterministicUuid('tally-scoring-close-snapshot', metadata.tenantId, input.contestId) : uuidv7();
    const now = this.clock.now();
    const outcome = await this.runner.run(
      {
        decider: judgingDecider,
        streamId: judgingStream(metadata.tenantId, input.contestId),
        decide: (state) => decideTakeSnapshot({ contestId: input.contestId, snapshotId, reason: input.reason, phase: input.phase ?? null, items: blendedSnapshotItems(state, contest, votes) }, state, now),
      },
      metadata,
    );
    return { snapshotId, reason: input.reason, items: eventsOfType(outcome.events, 'RankingSnapshotTaken')[0]?.data.items ?? [] };
  }
}
