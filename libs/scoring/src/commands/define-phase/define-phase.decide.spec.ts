import { ADA, at, BOB, CONTEST, contestIn, JUDGE_1, JUDGE_2, NOW, scored, setUp, stateOf, STAGE, VOICE } from '../../domain/judging.fixtures';
import { JudgingEvent } from '../../domain/judging.events';
import { judgingDecider, JudgingState, juryInputOf } from '../../domain/judging.state';
import { computeJury } from '../../domain/jury-scores';
import { decideClosePhase } from '../close-phase/close-phase.decide';
import { decideLockScores } from '../lock-scores/lock-scores.decide';
import { decideDefinePhase } from './define-phase.decide';

const types = setUp.slice(0, 2);
const phase = (name: 'preliminary' | 'semi-final' | 'final', carryOver = 0, weights: Record<string, number> = {}) => ({ contestId: CONTEST, phase: name, carryOver, weights });

function lockAll(state: JudgingState, name: 'preliminary' | 'final', judges: string[]): JudgingState {
  for (const judgeId of judges) state = decideLockScores({ contestId: CONTEST, phase: name, judgeId }, `salt-${judgeId}`, contestIn('open'), state, NOW).reduce(judgingDecider.evolve, state);
  return state;
}

describe('phases', () => {
  it('are defined in running order, each once, with their own weights; the first carries nothing over', () => {
    const first = stateOf(types);
    expect(decideDefinePhase(phase('preliminary', 0, { [STAGE]: 2 }), first, NOW)).toEqual([{ type: 'PhaseDefined', data: { contestId: CONTEST, phase: 'preliminary', carryOver: 0, weights: { [STAGE]: 2 }, at } }]);
    expect(() => decideDefinePhase(phase('preliminary', 0.5), first, NOW)).toThrow(expect.objectContaining({ details: { errors: [{ field: 'carryOver', message: 'The first phase has no earlier phase to carry over' }] } }));
    const both = stateOf(setUp);
    expect(() => decideDefinePhase(phase('final', 0.5), both, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.PHASE_EXISTS' }));
    expect(() => decideDefinePhase(phase('semi-final', 0.5), both, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.PHASE_EXISTS' }));
    const prelim = stateOf([...types, ...decideDefinePhase(phase('preliminary'), first, NOW)]);
    expect(() => decideDefinePhase(phase('final', 1.5), prelim, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
    expect(() => decideDefinePhase(phase('final', 0.5, { nope: 1 }), prelim, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.SCORE_TYPE_NOT_FOUND' }));
    expect(() => decideDefinePhase(phase('final', 0.5, { [VOICE]: 0 }), prelim, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_INPUT' }));
  });

  it('close when every assigned judge has locked, freezing a phase-end snapshot; nothing is scored in a closed phase', () => {
    let state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 7), scored('preliminary', JUDGE_2, ADA, VOICE, 7)]);
    state = lockAll(state, 'preliminary', [JUDGE_1]);
    expect(() => decideClosePhase({ contestId: CONTEST, phase: 'preliminary' }, 'snap-1', [], state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.JUDGES_NOT_LOCKED', details: { phase: 'preliminary', judgeIds: [JUDGE_2] } }));
    state = lockAll(state, 'preliminary', [JUDGE_2]);
    const events = decideClosePhase({ contestId: CONTEST, phase: 'preliminary' }, 'snap-1', [], state, NOW);
    expect(events.map((e) => e.type)).toEqual(['PhaseClosed', 'RankingSnapshotTaken']);
    expect(events[1].data).toMatchObject({ snapshotId: 'snap-1', reason: 'phase-end', phase: 'preliminary' });
    const closed = events.reduce(judgingDecider.evolve, state);
    expect(() => decideClosePhase({ contestId: CONTEST, phase: 'preliminary' }, 'snap-2', [], closed, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.PHASE_CLOSED' }));
  });

  it('carry over: the final phase counts the preliminary score by its carry-over share and uses its own weights', () => {
    // Preliminary (voice 1–10 min-max, weight 2; stage z-score, weight 1), final carries 25 % over and weighs stage 3.
    const events: JudgingEvent[] = [
      ...setUp,
      scored('preliminary', JUDGE_1, ADA, VOICE, 10), // 100
      scored('preliminary', JUDGE_1, BOB, VOICE, 1), // 0
      scored('preliminary', JUDGE_2, ADA, VOICE, 5.5), // 50
      scored('preliminary', JUDGE_2, BOB, VOICE, 5.5), // 50
      scored('final', JUDGE_1, ADA, VOICE, 1), // 0
      scored('final', JUDGE_1, BOB, VOICE, 10), // 100
      scored('final', JUDGE_1, ADA, STAGE, 40), // z = -1 → 33.3333
      scored('final', JUDGE_1, BOB, STAGE, 60), // z = +1 → 66.6667
    ];
    let state = stateOf(events);
    state = lockAll(state, 'preliminary', [JUDGE_1, JUDGE_2]);
    state = lockAll(state, 'final', [JUDGE_1]);
    const result = computeJury(juryInputOf(state));
    // Preliminary: Ada voice mean(100, 50) = 75, Bob mean(0, 50) = 25 (only voice scored: its weight is the whole).
    expect(result.phases.filter((p) => p.phase === 'preliminary').map((p) => [p.contestantId, p.cumulative])).toEqual([
      [ADA, 75],
      [BOB, 25],
    ]);
    // Final: Ada (2·0 + 3·33.3333)/5 = 20, Bob (2·100 + 3·66.6667)/5 = 80; cumulative 0.25·prelim + 0.75·final.
    expect(result.phases.filter((p) => p.phase === 'final').map((p) => [p.contestantId, p.score, p.cumulative])).toEqual([
      [ADA, 20, 33.75],
      [BOB, 80, 66.25],
    ]);
    expect([...result.jury]).toEqual([
      [ADA, 33.75],
      [BOB, 66.25],
    ]);
  });

  it('unlocked scores do not count', () => {
    const state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 10)]);
    expect(computeJury(juryInputOf(state)).jury.size).toBe(0);
  });
});
