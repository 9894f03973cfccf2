import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { DefinePhaseCommand, DefinePhaseResult } from './define-phase.command';
import { decideDefinePhase } from './define-phase.decide';

@CommandHandler(DefinePhaseCommand)
export class DefinePhaseHandler implements ICommandHandler<DefinePhaseCommand, DefinePhaseResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: DefinePhaseCommand): Promise<DefinePhaseResult> {
    await this.facts.contest(metadata.tenantId, input.contestId);
    const now = this.clock.now();
    await this.runner.run({ decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideDefinePhase(input, state, now) }, metadata);
    return { phase: input.phase };
  }
}
