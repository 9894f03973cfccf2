import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { AdjustScoreCommand, AdjustScoreResult } from './adjust-score.command';
import { decideAdjustScore } from './adjust-score.decide';

@CommandHandler(AdjustScoreCommand)
export class AdjustScoreHandler implements ICommandHandler<AdjustScoreCommand, AdjustScoreResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: AdjustScoreCommand): Promise<AdjustScoreResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const adjustmentId = uuidv7();
    const now = this.clock.now();
    await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideAdjustScore(input, adjustmentId, metadata.actorId, contest, state, now) },
      metadata,
    );
    return { adjustmentId };
  }
}
