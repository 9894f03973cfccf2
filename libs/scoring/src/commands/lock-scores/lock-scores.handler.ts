import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { eventsOfType, judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { LockScoresCommand, LockScoresResult } from './lock-scores.command';
import { decideLockScores } from './lock-scores.decide';

@CommandHandler(LockScoresCommand)
export class LockScoresHandler implements ICommandHandler<LockScoresCommand, LockScoresResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: LockScoresCommand): Promise<LockScoresResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    // 256 random bits: the commitment cannot be brute-forced from the few values a scale allows.
    const salt = randomBytes(32).toString('hex');
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideLockScores(input, salt, contest, state, now) },
      metadata,
    );
    const [{ data }] = eventsOfType(outcome.events, 'JudgeScoresLocked');
    const { phase, judgeId, commitment, scoreCount, at } = data;
    return { phase, judgeId, commitment, scoreCount, lockedAt: at };
  }
}
