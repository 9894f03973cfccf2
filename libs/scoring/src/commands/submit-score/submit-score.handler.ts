import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { eventsOfType, judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { SubmitScoresCommand, SubmitScoresResult } from './submit-score.command';
import { decideSubmitScores } from './submit-score.decide';

@CommandHandler(SubmitScoresCommand)
export class SubmitScoresHandler implements ICommandHandler<SubmitScoresCommand, SubmitScoresResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: SubmitScoresCommand): Promise<SubmitScoresResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideSubmitScores(input, contest, state, now) },
      metadata,
    );
    return { phase: input.phase, scores: eventsOfType(outcome.events, 'ScoreSubmitted').map(({ data }) => ({ scoreId: data.scoreId, contestantId: data.contestantId, scoreTypeId: data.scoreTypeId, value: data.value })) };
  }
}
