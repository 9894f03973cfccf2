import { ContestFacts } from './contest-facts';
import { JudgingEvent, PhaseName } from './judging.events';
import { evolveJudging, initialJudgingState, JudgingState } from './judging.state';

/** Fixtures for the pure decision specs: a contest of three contestants, two score types, two phases and two judges. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const CONTEST = '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f';
export const [ADA, BOB, CY] = ['0190a6f4-0000-7000-8000-00000000000a', '0190a6f4-0000-7000-8000-00000000000b', '0190a6f4-0000-7000-8000-00000000000c'];
export const [VOICE, STAGE] = ['0190a6f5-0000-7000-8000-0000000000a1', '0190a6f5-0000-7000-8000-0000000000a2'];
export const [JUDGE_1, JUDGE_2, OUTSIDER] = ['0190a6f6-0000-7000-8000-0000000000f1', '0190a6f6-0000-7000-8000-0000000000f2', '0190a6f6-0000-7000-8000-0000000000f3'];

export function contestIn(status: string): ContestFacts {
  return {
    contestId: CONTEST,
    status,
    contestants: new Map([ADA, BOB, CY].map((id) => [id, { name: id, categoryId: null }])),
    categoryWeights: new Map(),
  };
}

export const at = NOW.toISOString();

export const setUp: JudgingEvent[] = [
  { type: 'ScoreTypeDefined', data: { contestId: CONTEST, scoreTypeId: VOICE, name: 'Voice', scaleMin: 1, scaleMax: 10, weight: 2, calculationMethod: 'min-max', at } },
  { type: 'ScoreTypeDefined', data: { contestId: CONTEST, scoreTypeId: STAGE, name: 'Stage', scaleMin: 0, scaleMax: 100, weight: 1, calculationMethod: 'z-score', at } },
  { type: 'PhaseDefined', data: { contestId: CONTEST, phase: 'preliminary', carryOver: 0, weights: {}, at } },
  { type: 'PhaseDefined', data: { contestId: CONTEST, phase: 'final', carryOver: 0.25, weights: { [STAGE]: 3 }, at } },
  { type: 'JudgeAssigned', data: { contestId: CONTEST, phase: 'preliminary', judgeId: JUDGE_1, at } },
  { type: 'JudgeAssigned', data: { contestId: CONTEST, phase: 'preliminary', judgeId: JUDGE_2, at } },
  { type: 'JudgeAssigned', data: { contestId: CONTEST, phase: 'final', judgeId: JUDGE_1, at } },
];

export function stateOf(events: readonly JudgingEvent[]): JudgingState {
  return events.reduce(evolveJudging, initialJudgingState());
}

export function scored(phase: PhaseName, judgeId: string, contestantId: string, scoreTypeId: string, value: number): JudgingEvent {
  return { type: 'ScoreSubmitted', data: { contestId: CONTEST, phase, judgeId, scoreId: `${phase}-${judgeId}-${contestantId}-${scoreTypeId}`, contestantId, scoreTypeId, value, at } };
}
