/** Live vote counts per contestant, kept beside PostgreSQL for fast leaderboard reads. */
export interface RankingUpdate {
  tenantId: string;
  contestId: string;
  contestantId: string;
  /** The contestant's total, not a delta: writing it twice changes nothing (redelivery). */
  votes: number;
}

export interface RankingEntry {
  contestantId: string;
  votes: number;
}

export interface RankingStore {
  /** Writes absolute totals and the log position they reflect, atomically. */
  set(updates: readonly RankingUpdate[], position: string): Promise<void>;
  /**
   * All contestants of a contest, most votes first; null when nothing is cached for it. `fresh`:
   * the caller reads its own writes (it named a log position), so a replica will not do.
   */
  read(tenantId: string, contestId: string, fresh?: boolean): Promise<RankingEntry[] | null>;
  /** Replaces a contest's cached counts (cold cache, refresh). */
  replace(tenantId: string, contestId: string, entries: readonly RankingEntry[]): Promise<void>;
  /** The position of the last applied batch, null before the first. */
  position(): Promise<string | null>;
}

export const RANKING_STORE = Symbol('RankingStore');
