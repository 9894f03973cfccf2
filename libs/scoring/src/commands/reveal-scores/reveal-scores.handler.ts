import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { eventsOfType, judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { RevealScoresCommand, RevealScoresResult } from './reveal-scores.command';
import { decideRevealScores } from './reveal-scores.decide';

@CommandHandler(RevealScoresCommand)
export class RevealScoresHandler implements ICommandHandler<RevealScoresCommand, RevealScoresResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RevealScoresCommand): Promise<RevealScoresResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideRevealScores(input, contest, state, now) }, metadata);
    const [{ data }] = eventsOfType(outcome.events, 'JuryScoresRevealed');
    return { revealedAt: data.at, reveals: data.reveals };
  }
}
