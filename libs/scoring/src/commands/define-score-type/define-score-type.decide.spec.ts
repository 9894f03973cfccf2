import { CONTEST, JUDGE_1, NOW, OUTSIDER, setUp, stateOf } from '../../domain/judging.fixtures';
import { judgingDecider } from '../../domain/judging.state';
import { decideAssignJudge } from '../assign-judge/assign-judge.decide';
import { decideConfigureBlend } from '../configure-blend/configure-blend.decide';
import { decideFinaliseScoring } from '../finalise-scoring/finalise-scoring.decide';
import { decideDefineScoreType } from './define-score-type.decide';

const type = { contestId: CONTEST, name: 'Charisma', scaleMin: 1, scaleMax: 5, weight: 1.5, calculationMethod: 'rank-based' as const };

describe('score types, judges, the blend and finalisation', () => {
  it('a score type has a scale, a positive weight and a unique name', () => {
    expect(decideDefineScoreType(type, 'st-1', stateOf(setUp), NOW)[0].data).toMatchObject({ scoreTypeId: 'st-1', scaleMin: 1, scaleMax: 5, weight: 1.5, calculationMethod: 'rank-based' });
    expect(() => decideDefineScoreType({ ...type, scaleMax: 1 }, 'st', stateOf(setUp), NOW)).toThrow(expect.objectContaining({ details: { errors: [{ field: 'scaleMax', message: 'scaleMax must be greater than scaleMin' }] } }));
    expect(() => decideDefineScoreType({ ...type, weight: 0 }, 'st', stateOf(setUp), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
    expect(() => decideDefineScoreType({ ...type, name: ' voice ' }, 'st', stateOf(setUp), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.SCORE_TYPE_EXISTS' }));
  });

  it('a judge is assigned once per phase, and only a user with the judge role', () => {
    const state = stateOf(setUp);
    expect(decideAssignJudge({ contestId: CONTEST, phase: 'final', judgeId: OUTSIDER }, true, state, NOW)).toHaveLength(1);
    expect(decideAssignJudge({ contestId: CONTEST, phase: 'final', judgeId: JUDGE_1 }, true, state, NOW)).toEqual([]);
    expect(() => decideAssignJudge({ contestId: CONTEST, phase: 'final', judgeId: OUTSIDER }, false, state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.NOT_A_JUDGE' }));
    expect(() => decideAssignJudge({ contestId: CONTEST, phase: 'semi-final', judgeId: OUTSIDER }, true, state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.PHASE_NOT_FOUND' }));
  });

  it('the blend has non-negative weights, not both zero, and is fixed once revealed', () => {
    expect(decideConfigureBlend({ contestId: CONTEST, juryWeight: 60, publicWeight: 40 }, stateOf(setUp), NOW)[0].data).toMatchObject({ juryWeight: 60, publicWeight: 40 });
    expect(() => decideConfigureBlend({ contestId: CONTEST, juryWeight: -1, publicWeight: 40 }, stateOf(setUp), NOW)).toThrow(expect.objectContaining({ details: { errors: [{ field: 'juryWeight', message: 'juryWeight must be 0 or more' }] } }));
    expect(() => decideConfigureBlend({ contestId: CONTEST, juryWeight: 0, publicWeight: 0 }, stateOf(setUp), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
    const revealed = judgingDecider.evolve(stateOf(setUp), { type: 'JuryScoresRevealed', data: { contestId: CONTEST, reveals: [], at: NOW.toISOString() } });
    expect(() => decideConfigureBlend({ contestId: CONTEST, juryWeight: 1, publicWeight: 1 }, revealed, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.ALREADY_REVEALED' }));
  });

  it('finalisation needs the reveal, freezes the final ranking, and then nothing changes', () => {
    expect(() => decideFinaliseScoring({ contestId: CONTEST }, 'snap', [], stateOf(setUp), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.NOT_REVEALED' }));
    const revealed = judgingDecider.evolve(stateOf(setUp), { type: 'JuryScoresRevealed', data: { contestId: CONTEST, reveals: [], at: NOW.toISOString() } });
    const events = decideFinaliseScoring({ contestId: CONTEST }, 'snap', [], revealed, NOW);
    expect(events.map((e) => e.type)).toEqual(['ScoringFinalised', 'RankingSnapshotTaken']);
    const final = events.reduce(judgingDecider.evolve, revealed);
    expect(() => decideFinaliseScoring({ contestId: CONTEST }, 'snap', [], final, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.FINALISED' }));
    expect(() => decideAssignJudge({ contestId: CONTEST, phase: 'final', judgeId: OUTSIDER }, true, final, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.FINALISED' }));
  });
});
