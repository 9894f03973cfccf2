import { canonicalScores, commitmentOf } from '../../domain/commitment';
import { ContestFacts, votingHasClosed } from '../../domain/contest-facts';
import { assertNotFinalised, openPhase } from '../../domain/judging.guards';
import { JudgeScoresLocked } from '../../domain/judging.events';
import { JudgingState, lockKey, scoresOf } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';
import { LockScoresInput } from './lock-scores.command';

/**
 * A judge locks their scores of a phase: from then on they do not change, and the commitment
 * (SHA-256 of the canonical scores and `salt`, a secret random value kept in the event until
 * the reveal) is published. Only while voting is open, so the commitment precedes the close.
 */
export function decideLockScores(input: LockScoresInput, salt: string, contest: ContestFacts, state: JudgingState, now: Date): JudgeScoresLocked[] {
  assertNotFinalised(state);
  const phase = openPhase(state, input.phase);
  if (!phase.judges.has(input.judgeId)) throw new ScoringError('SCORING.JUDGE_NOT_ASSIGNED', `You are not a judge of the ${input.phase} phase`, { phase: input.phase });
  if (state.locks.has(lockKey(input.phase, input.judgeId))) throw new ScoringError('SCORING.SCORES_LOCKED', `Your ${input.phase} scores are already locked`, { phase: input.phase });
  if (votingHasClosed(contest)) throw new ScoringError('SCORING.VOTING_CLOSED', 'Voting has closed: jury scores can no longer be committed');
  const scores = scoresOf(state, input.phase, input.judgeId);
  if (scores.length === 0) throw new ScoringError('SCORING.NOTHING_TO_LOCK', `You have no ${input.phase} scores to lock`, { phase: input.phase });
  const commitment = commitmentOf(canonicalScores(input.contestId, input.phase, input.judgeId, scores), salt);
  return [{ type: 'JudgeScoresLocked', data: { contestId: input.contestId, phase: input.phase, judgeId: input.judgeId, commitment, salt, scoreCount: scores.length, at: now.toISOString() } }];
}
