import { assertNotFinalised, openPhase } from '../../domain/judging.guards';
import { PhaseClosed, RankingSnapshotTaken, SnapshotItem } from '../../domain/judging.events';
import { JudgingState, lockKey } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';
import { decideTakeSnapshot } from '../take-snapshot/take-snapshot.decide';
import { ClosePhaseInput } from './close-phase.command';

/** A phase ends when every judge assigned to it has locked; its end freezes a ranking snapshot (reason `phase-end`). */
export function decideClosePhase(input: ClosePhaseInput, snapshotId: string, items: SnapshotItem[], state: JudgingState, now: Date): (PhaseClosed | RankingSnapshotTaken)[] {
  assertNotFinalised(state);
  const phase = openPhase(state, input.phase);
  const unlocked = [...phase.judges].filter((judgeId) => !state.locks.has(lockKey(input.phase, judgeId)));
  if (unlocked.length > 0) throw new ScoringError('SCORING.JUDGES_NOT_LOCKED', `${unlocked.length} judge(s) of the ${input.phase} phase have not locked their scores`, { phase: input.phase, judgeIds: unlocked });
  return [
    { type: 'PhaseClosed', data: { contestId: input.contestId, phase: input.phase, at: now.toISOString() } },
    ...decideTakeSnapshot({ contestId: input.contestId, snapshotId, reason: 'phase-end', phase: input.phase, items }, state, now),
  ];
}
