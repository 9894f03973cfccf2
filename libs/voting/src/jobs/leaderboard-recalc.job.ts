import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { LeaderboardRecalculator } from '../queries/leaderboard/leaderboard.recalculator';
import { VOTING_CONFIG, VotingConfig } from '../voting.config';

/** Recalculates the ranks of open events' leaderboards (SPEC: every 30 s; LEADERBOARD_RECALC_INTERVAL_MS). */
@RegisteredJob()
export class LeaderboardRecalcJob implements ScheduledJob {
  readonly name = 'voting.leaderboard-recalc';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly recalculator: LeaderboardRecalculator,
    @Inject(VOTING_CONFIG) config: VotingConfig,
  ) {
    this.schedule = { everyMs: config.recalcIntervalMs };
  }

  async run(): Promise<{ recalculated: number }> {
    return { recalculated: await this.recalculator.recalculateOpen() };
  }
}
