/** What the rank-watch job knows of one voter's favourite in one event. */
export interface WatchedFavourite {
  contestantId: string;
  /** The watch row: the rank last announced (or first seen) for this contestant; null when there is none yet. */
  watched: { contestantId: string; lastRank: number } | null;
  /** The voter's latest rank notice in any event (the rate limit is per voter). */
  userLastNoticeAt: Date | null;
}

export type RankWatchStep =
  /** First sight (or a new favourite): remember the rank, say nothing. */
  | { action: 'baseline'; rank: number }
  | { action: 'unchanged' }
  /** Moved, but the voter heard of a move less than the interval ago: keep the announced rank, compare again later. */
  | { action: 'wait' }
  | { action: 'notify'; from: number; to: number };

/**
 * The per-voter rate limit of rank-change notices: at most one per `minIntervalMs` across all the
 * voter's events. A move during the quiet time is not lost: the rank last announced stays, so the
 * next run after it still finds the favourite elsewhere and tells where it is then (a move and
 * its undoing inside the quiet time make no notice at all).
 */
export function rankWatchStep(favourite: WatchedFavourite, rank: number, now: Date, minIntervalMs: number): RankWatchStep {
  const { watched } = favourite;
  if (!watched || watched.contestantId !== favourite.contestantId) return { action: 'baseline', rank };
  if (watched.lastRank === rank) return { action: 'unchanged' };
  if (favourite.userLastNoticeAt && now.getTime() - favourite.userLastNoticeAt.getTime() < minIntervalMs) return { action: 'wait' };
  return { action: 'notify', from: watched.lastRank, to: rank };
}
