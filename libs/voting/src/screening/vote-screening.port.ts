/**
 * Fraud screening of a vote before it is recorded. The fraud context (a later issue) will
 * provide a real adapter; until then the default accepts every vote. `hold` records the vote
 * without counting it on the leaderboard; `reject` refuses it with 403 vote-rejected.
 */
export type ScreeningVerdict = 'allow' | 'hold' | 'reject';

export interface VoteScreeningInput {
  tenantId: string;
  userId: string;
  contestId: string;
  contestantId: string;
  amount: number;
  clientIp: string | null;
}

export interface VoteScreening {
  /** May answer synchronously so the hot path awaits nothing when there is nothing to wait for. */
  screen(input: VoteScreeningInput): ScreeningVerdict | Promise<ScreeningVerdict>;
}

export const VOTE_SCREENING = Symbol('VoteScreening');

export class AllowAllScreening implements VoteScreening {
  screen(): ScreeningVerdict {
    return 'allow';
  }
}
