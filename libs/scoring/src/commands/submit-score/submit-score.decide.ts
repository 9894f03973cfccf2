import { deterministicUuid } from '@tally/platform';
import { ContestFacts, votingHasClosed } from '../../domain/contest-facts';
import { assertNotFinalised, openPhase } from '../../domain/judging.guards';
import { ScoreSubmitted } from '../../domain/judging.events';
import { JudgingState, lockKey } from '../../domain/judging.state';
import { fieldError, ScoringError } from '../../scoring.errors';
import { SubmitScoresInput } from './submit-score.command';

/**
 * A judge of the phase scores contestants of the event on its score types, each value within
 * its type's scale (a bad one is refused naming `scores[i].value`, and nothing is recorded).
 * Until the judge locks, a score given again replaces the earlier one (same scoreId); after
 * the lock nothing changes, and once voting has closed nothing more can be committed.
 */
export function decideSubmitScores(input: SubmitScoresInput, contest: ContestFacts, state: JudgingState, now: Date): ScoreSubmitted[] {
  assertNotFinalised(state);
  const phase = openPhase(state, input.phase);
  if (!phase.judges.has(input.judgeId)) throw new ScoringError('SCORING.JUDGE_NOT_ASSIGNED', `You are not a judge of the ${input.phase} phase`, { phase: input.phase });
  if (state.locks.has(lockKey(input.phase, input.judgeId))) {
    throw new ScoringError('SCORING.SCORES_LOCKED', `Your ${input.phase} scores are locked; only an organizer's adjustment can correct them`, { phase: input.phase });
  }
  if (votingHasClosed(contest)) throw new ScoringError('SCORING.VOTING_CLOSED', 'Voting has closed: jury scores can no longer be given');
  const seen = new Set<string>();
  return input.scores.map((entry, i) => {
    const type = state.scoreTypes.get(entry.scoreTypeId);
    if (!type) throw fieldError('SCORING.SCORE_TYPE_NOT_FOUND', `scores[${i}].scoreTypeId`, 'No such score type in this event');
    if (!contest.contestants.has(entry.contestantId)) throw fieldError('SCORING.CONTESTANT_NOT_IN_EVENT', `scores[${i}].contestantId`, 'The contestant is not in this event');
    if (!Number.isFinite(entry.value) || entry.value < type.scaleMin || entry.value > type.scaleMax) {
      throw fieldError('SCORING.SCORE_OUT_OF_SCALE', `scores[${i}].value`, `${type.name} is scored from ${type.scaleMin} to ${type.scaleMax}`);
    }
    const key = `${entry.contestantId}|${entry.scoreTypeId}`;
    if (seen.has(key)) throw fieldError('SCORING.INVALID_INPUT', `scores[${i}]`, 'The same contestant and score type appear twice');
    seen.add(key);
    return {
      type: 'ScoreSubmitted' as const,
      data: {
        contestId: input.contestId,
        phase: input.phase,
        judgeId: input.judgeId,
        scoreId: deterministicUuid('tally-jury-score', input.contestId, input.phase, input.judgeId, entry.contestantId, entry.scoreTypeId),
        contestantId: entry.contestantId,
        scoreTypeId: entry.scoreTypeId,
        value: entry.value,
        at: now.toISOString(),
      },
    };
  });
}
