import { ADA, BOB, CONTEST, contestIn, JUDGE_1, NOW, OUTSIDER, scored, setUp, stateOf, VOICE } from '../../domain/judging.fixtures';
import { judgingDecider, lockKey } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';
import { decideLockScores } from '../lock-scores/lock-scores.decide';
import { decideSubmitScores } from './submit-score.decide';

const submit = (scores: { contestantId: string; scoreTypeId: string; value: number }[], judgeId = JUDGE_1) => ({ contestId: CONTEST, phase: 'preliminary' as const, judgeId, scores });

function refusal(run: () => unknown): ScoringError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScoringError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('submitting raw scores', () => {
  it("records a judge's scores within each type's scale, and a score given again before the lock replaces the first", () => {
    const state = stateOf(setUp);
    const events = decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 7 }]), contestIn('open'), state, NOW);
    expect(events).toEqual([{ type: 'ScoreSubmitted', data: expect.objectContaining({ judgeId: JUDGE_1, contestantId: ADA, scoreTypeId: VOICE, value: 7 }) }]);
    const again = decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 9 }]), contestIn('open'), events.reduce(judgingDecider.evolve, state), NOW);
    expect(again[0].data.scoreId).toBe(events[0].data.scoreId);
    const after = [...events, ...again].reduce(judgingDecider.evolve, state);
    expect([...after.scores.values()].map((score) => score.value)).toEqual([9]);
  });

  it('refuses a value outside the scale naming the field, and records none of the batch', () => {
    const error = refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 5 }, { contestantId: BOB, scoreTypeId: VOICE, value: 11 }]), contestIn('open'), stateOf(setUp), NOW));
    expect(error.code).toBe('SCORING.SCORE_OUT_OF_SCALE');
    expect(error.details).toEqual({ errors: [{ field: 'scores[1].value', message: 'Voice is scored from 1 to 10' }] });
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 0.5 }]), contestIn('open'), stateOf(setUp), NOW)).code).toBe('SCORING.SCORE_OUT_OF_SCALE');
  });

  it('refuses an unknown score type or contestant, a judge not assigned to the phase, and a closed vote', () => {
    const state = stateOf(setUp);
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: OUTSIDER, value: 5 }]), contestIn('open'), state, NOW)).details).toEqual({ errors: [{ field: 'scores[0].scoreTypeId', message: 'No such score type in this event' }] });
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: OUTSIDER, scoreTypeId: VOICE, value: 5 }]), contestIn('open'), state, NOW)).code).toBe('SCORING.CONTESTANT_NOT_IN_EVENT');
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 5 }], OUTSIDER), contestIn('open'), state, NOW)).code).toBe('SCORING.JUDGE_NOT_ASSIGNED');
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 5 }]), contestIn('closed'), state, NOW)).code).toBe('SCORING.VOTING_CLOSED');
  });

  it('refuses any change once the judge has locked the phase', () => {
    const state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 7)]);
    const locked = decideLockScores({ contestId: CONTEST, phase: 'preliminary', judgeId: JUDGE_1 }, 'salt', contestIn('open'), state, NOW).reduce(judgingDecider.evolve, state);
    expect(locked.locks.has(lockKey('preliminary', JUDGE_1))).toBe(true);
    const error = refusal(() => decideSubmitScores(submit([{ contestantId: ADA, scoreTypeId: VOICE, value: 8 }]), contestIn('open'), locked, NOW));
    expect(error.code).toBe('SCORING.SCORES_LOCKED');
    expect(refusal(() => decideSubmitScores(submit([{ contestantId: BOB, scoreTypeId: VOICE, value: 8 }]), contestIn('open'), locked, NOW)).code).toBe('SCORING.SCORES_LOCKED');
  });
});
