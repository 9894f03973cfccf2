import { ADA, CONTEST, contestIn, JUDGE_1, NOW, OUTSIDER, scored, setUp, stateOf, VOICE } from '../../domain/judging.fixtures';
import { judgingDecider, juryInputOf } from '../../domain/judging.state';
import { computeJury } from '../../domain/jury-scores';
import { decideLockScores } from '../lock-scores/lock-scores.decide';
import { decideAdjustScore } from './adjust-score.decide';

const adjust = (points: number, reason = 'Microphone failure during the song') => ({ contestId: CONTEST, phase: 'preliminary' as const, contestantId: ADA, points, reason });

describe("an organizer's adjustment", () => {
  it('corrects a locked score by points with a reason, leaving the judge’s scores (and commitment) as they were', () => {
    let state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 5.5)]);
    state = decideLockScores({ contestId: CONTEST, phase: 'preliminary', judgeId: JUDGE_1 }, 's', contestIn('open'), state, NOW).reduce(judgingDecider.evolve, state);
    const events = decideAdjustScore(adjust(5), 'adj-1', 'organizer-1', contestIn('open'), state, NOW);
    expect(events).toEqual([{ type: 'ScoreAdjusted', data: expect.objectContaining({ adjustmentId: 'adj-1', points: 5, reason: 'Microphone failure during the song', by: 'organizer-1' }) }]);
    const after = events.reduce(judgingDecider.evolve, state);
    expect([...after.scores.values()].map((score) => score.value)).toEqual([5.5]);
    const phase = computeJury(juryInputOf(after)).phases.find((p) => p.contestantId === ADA);
    expect(phase).toMatchObject({ score: 50, adjustment: 5, adjusted: 55 });
  });

  it('refuses no reason, zero or out-of-range points, an unknown contestant or phase, and a finalised scoring', () => {
    const state = stateOf(setUp);
    expect(() => decideAdjustScore(adjust(5, '  '), 'a', null, contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ details: { errors: [{ field: 'reason', message: 'An adjustment needs a reason' }] } }));
    expect(() => decideAdjustScore(adjust(0), 'a', null, contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
    expect(() => decideAdjustScore(adjust(101), 'a', null, contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
    expect(() => decideAdjustScore({ ...adjust(1), contestantId: OUTSIDER }, 'a', null, contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.CONTESTANT_NOT_IN_EVENT' }));
    expect(() => decideAdjustScore({ ...adjust(1), phase: 'semi-final' }, 'a', null, contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.PHASE_NOT_FOUND' }));
    const finalised = judgingDecider.evolve(state, { type: 'ScoringFinalised', data: { contestId: CONTEST, at: NOW.toISOString() } });
    expect(() => decideAdjustScore(adjust(1), 'a', null, contestIn('closed'), finalised, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.FINALISED' }));
  });
});
