import { assertNotFinalised } from '../../domain/judging.guards';
import { RankingSnapshotTaken, ScoringFinalised, SnapshotItem } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';
import { decideTakeSnapshot } from '../take-snapshot/take-snapshot.decide';
import { FinaliseScoringInput } from './finalise-scoring.command';

/** Once revealed, the scoring is finalised: nothing changes afterwards, and the final blended ranking is frozen (reason `finalised`). */
export function decideFinaliseScoring(input: FinaliseScoringInput, snapshotId: string, items: SnapshotItem[], state: JudgingState, now: Date): (ScoringFinalised | RankingSnapshotTaken)[] {
  assertNotFinalised(state);
  if (!state.revealed) throw new ScoringError('SCORING.NOT_REVEALED', 'Reveal the jury scores before finalising');
  return [
    { type: 'ScoringFinalised', data: { contestId: input.contestId, at: now.toISOString() } },
    ...decideTakeSnapshot({ contestId: input.contestId, snapshotId, reason: 'finalised', phase: null, items }, state, now),
  ];
}
