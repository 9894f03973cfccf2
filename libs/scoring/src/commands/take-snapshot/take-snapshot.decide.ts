import { PhaseName, RankingSnapshotTaken, SnapshotItem, SnapshotReason } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';

export interface SnapshotRequest {
  contestId: string;
  snapshotId: string;
  reason: SnapshotReason;
  phase: PhaseName | null;
  /** The blended ranking as it stands, computed by the caller from this state and the live vote counts. */
  items: SnapshotItem[];
}

/** Freezes the blended ranking in the log at a milestone (phase end, close, finalisation) or on demand; a snapshot id already taken is not taken again (the close's is derived from the event, and redelivered). */
export function decideTakeSnapshot(request: SnapshotRequest, state: JudgingState, now: Date): RankingSnapshotTaken[] {
  if (!state.exists) throw new ScoringError('SCORING.NOT_FOUND', 'This event has no jury scoring to snapshot');
  if (state.snapshotIds.has(request.snapshotId)) return [];
  return [{ type: 'RankingSnapshotTaken', data: { contestId: request.contestId, snapshotId: request.snapshotId, reason: request.reason, phase: request.phase, items: request.items, at: now.toISOString() } }];
}
