import type { SnapshotView } from '../queries/leaderboard/snapshot.view';

/**
 * Rankings another context keeps beside the vote leaderboard (scoring's jury and blended
 * rankings): the 30-second recalculation runs theirs too, and the leaderboard's snapshot
 * endpoints serve their snapshots with the vote ones. Optional: without it only votes rank.
 */
export interface RankingExtension {
  /** Takes the current ranks of the open events as the baseline of `change`; returns how many contestants it ranked. */
  recalculateOpen(): Promise<number>;
  /** The extension's snapshots of an event that may be shown to the caller (newest first). */
  snapshotsOf(tenantId: string, contestId: string): Promise<SnapshotView[]>;
  /** One of its snapshots, or null when it has none of that id (or it may not be shown yet). */
  snapshot(tenantId: string, snapshotId: string): Promise<SnapshotView | null>;
}

export const RANKING_EXTENSION = Symbol('RankingExtension');
