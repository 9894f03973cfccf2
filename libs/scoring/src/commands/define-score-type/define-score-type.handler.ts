import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { DefineScoreTypeCommand, DefineScoreTypeResult } from './define-score-type.command';
import { decideDefineScoreType } from './define-score-type.decide';

@CommandHandler(DefineScoreTypeCommand)
export class DefineScoreTypeHandler implements ICommandHandler<DefineScoreTypeCommand, DefineScoreTypeResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: DefineScoreTypeCommand): Promise<DefineScoreTypeResult> {
    await this.facts.contest(metadata.tenantId, input.contestId);
    const scoreTypeId = uuidv7();
    const now = this.clock.now();
    await this.runner.run({ decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideDefineScoreType(input, scoreTypeId, state, now) }, metadata);
    return { scoreTypeId };
  }
}
