import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { AssignJudgeCommand, AssignJudgeResult } from './assign-judge.command';
import { decideAssignJudge } from './assign-judge.decide';

@CommandHandler(AssignJudgeCommand)
export class AssignJudgeHandler implements ICommandHandler<AssignJudgeCommand, AssignJudgeResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: AssignJudgeCommand): Promise<AssignJudgeResult> {
    await this.facts.contest(metadata.tenantId, input.contestId);
    const isJudge = await this.facts.isJudge(metadata.tenantId, input.judgeId);
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideAssignJudge(input, isJudge, state, now) },
      metadata,
    );
    return { phase: input.phase, judgeId: input.judgeId, judges: [...(outcome.state.phases.get(input.phase)?.judges ?? [])] };
  }
}
