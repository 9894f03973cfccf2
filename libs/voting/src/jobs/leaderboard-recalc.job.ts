import { Inject, Optional } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { LeaderboardRecalculator } from '../queries/leaderboard/leaderboard.recalculator';
import { RANKING_EXTENSION, RankingExtension } from '../ranking/ranking-extension.port';
import { VOTING_CONFIG, VotingConfig } from '../voting.config';

/** Recalculates the ranks of open events' leaderboards, and the blended ones when scoring is there (SPEC: every 30 s; LEADERBOARD_RECALC_INTERVAL_MS). */
@RegisteredJob()
export class LeaderboardRecalcJob implements ScheduledJob {
  readonly name = 'voting.leaderboard-recalc';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly recalculator: LeaderboardRecalculator,
    @Inject(VOTING_CONFIG) config: VotingConfig,
    @Optional() @Inject(RANKING_EXTENSION) private readonly extension?: RankingExtension,
  ) {
    this.schedule = { everyMs: config.recalcIntervalMs };
  }

  /** Votes first, then the extension's rankings (scoring's blends, which read the vote counts). */
  async run(): Promise<{ recalculated: number; extended: number }> {
    const recalculated = await this.recalculator.recalculateOpen();
    return { recalculated, extended: (await this.extension?.recalculateOpen()) ?? 0 };
  }
}
