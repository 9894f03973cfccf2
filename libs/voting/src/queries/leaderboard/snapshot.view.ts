/** A leaderboard frozen at one moment: the vote leaderboard's own at the close, or another ranking's (RankingExtension). */
export interface SnapshotView {
  snapshotId: string;
  eventId: string;
  takenAt: string;
  reason: string;
  /** `votes` (the vote leaderboard) or, from scoring, `blended` (jury and public vote). */
  ranking?: string;
  /** Present in blended snapshots: the jury score (0–100) and the blended score (the category's weight applied). */
  items: { rank: number; contestantId: string; name: string; votes: number; juryScore?: number; score?: number }[];
}
