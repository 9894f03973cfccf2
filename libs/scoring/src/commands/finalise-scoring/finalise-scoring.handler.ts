import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { blendedSnapshotItems } from '../../ranking/snapshot-items';
import { FinaliseScoringCommand, FinaliseScoringResult } from './finalise-scoring.command';
import { decideFinaliseScoring } from './finalise-scoring.decide';

@CommandHandler(FinaliseScoringCommand)
export class FinaliseScoringHandler implements ICommandHandler<FinaliseScoringCommand, FinaliseScoringResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: FinaliseScoringCommand): Promise<FinaliseScoringResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const votes = await this.facts.votes(metadata.tenantId, input.contestId);
    const snapshotId = uuidv7();
    const now = this.clock.now();
    await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideFinaliseScoring(input, snapshotId, blendedSnapshotItems(state, contest, votes), state, now) },
      metadata,
    );
    return { finalisedAt: now.toISOString(), snapshotId };
  }
}
