import { ContestFacts } from '../../domain/contest-facts';
import { assertNotFinalised } from '../../domain/judging.guards';
import { ScoreAdjusted } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { fieldError, ScoringError } from '../../scoring.errors';
import { AdjustScoreInput } from './adjust-score.command';

/**
 * The only way to correct a locked score: an organizer's adjustment, recorded with its reason
 * and shown in the report, leaving the judges' scores (and their commitments) as they were.
 * Allowed on a closed phase and after the reveal, until the scoring is finalised.
 */
export function decideAdjustScore(input: AdjustScoreInput, adjustmentId: string, by: string | null, contest: ContestFacts, state: JudgingState, now: Date): ScoreAdjusted[] {
  assertNotFinalised(state);
  if (!state.phases.has(input.phase)) throw new ScoringError('SCORING.PHASE_NOT_FOUND', `The event has no ${input.phase} phase`, { phase: input.phase });
  if (!contest.contestants.has(input.contestantId)) throw fieldError('SCORING.CONTESTANT_NOT_IN_EVENT', 'contestantId', 'The contestant is not in this event');
  if (!Number.isFinite(input.points) || input.points === 0 || Math.abs(input.points) > 100) {
    throw fieldError('SCORING.INVALID_INPUT', 'points', 'points must be a non-zero number from -100 to 100');
  }
  const reason = input.reason.trim();
  if (reason.length === 0) throw fieldError('SCORING.INVALID_INPUT', 'reason', 'An adjustment needs a reason');
  return [
    {
      type: 'ScoreAdjusted',
      data: { contestId: input.contestId, phase: input.phase, adjustmentId, contestantId: input.contestantId, points: input.points, reason, by, at: now.toISOString() },
    },
  ];
}
