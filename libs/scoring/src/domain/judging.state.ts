import { StreamDecider } from '@tally/eventstore';
import { CalculationMethod, JudgingEvent, PHASE_NAMES, PhaseName, RevealedCommitment } from './judging.events';
import { JuryInput } from './jury-scores';

export interface ScoreTypeState {
  scoreTypeId: string;
  name: string;
  scaleMin: number;
  scaleMax: number;
  weight: number;
  calculationMethod: CalculationMethod;
}

export interface PhaseState {
  phase: PhaseName;
  carryOver: number;
  weights: Readonly<Record<string, number>>;
  judges: ReadonlySet<string>;
  closed: boolean;
}

export interface RawScore {
  scoreId: string;
  phase: PhaseName;
  judgeId: string;
  contestantId: string;
  scoreTypeId: string;
  value: number;
  at: string;
}

export interface JudgeLock {
  phase: PhaseName;
  judgeId: string;
  commitment: string;
  salt: string;
  at: string;
}

export interface AdjustmentState {
  adjustmentId: string;
  phase: PhaseName;
  contestantId: string;
  points: number;
  reason: string;
  by: string | null;
  at: string;
}

export interface JudgingState {
  exists: boolean;
  contestId: string;
  scoreTypes: ReadonlyMap<string, ScoreTypeState>;
  /** In phase order (preliminary, semi-final, final), only the defined ones. */
  phases: ReadonlyMap<PhaseName, PhaseState>;
  /** One current score per judge, phase, contestant and score type (key: scoreKey). */
  scores: ReadonlyMap<string, RawScore>;
  /** key: lockKey(phase, judgeId) */
  locks: ReadonlyMap<string, JudgeLock>;
  adjustments: readonly AdjustmentState[];
  blend: { juryWeight: number; publicWeight: number };
  revealed: readonly RevealedCommitment[] | null;
  revealedAt: string | null;
  finalised: boolean;
  snapshotIds: ReadonlySet<string>;
}

export const DEFAULT_BLEND = { juryWeight: 50, publicWeight: 50 } as const;

export const scoreKey = (phase: PhaseName, judgeId: string, contestantId: string, scoreTypeId: string): string => `${phase}|${judgeId}|${contestantId}|${scoreTypeId}`;
export const lockKey = (phase: PhaseName, judgeId: string): string => `${phase}|${judgeId}`;

export function initialJudgingState(): JudgingState {
  return {
    exists: false,
    contestId: '',
    scoreTypes: new Map(),
    phases: new Map(),
    scores: new Map(),
    locks: new Map(),
    adjustments: [],
    blend: DEFAULT_BLEND,
    revealed: null,
    revealedAt: null,
    finalised: false,
    snapshotIds: new Set(),
  };
}

export function evolveJudging(state: JudgingState, event: JudgingEvent): JudgingState {
  const base = { ...state, exists: true, contestId: event.data.contestId };
  switch (event.type) {
    case 'ScoreTypeDefined': {
      const { scoreTypeId, name, scaleMin, scaleMax, weight, calculationMethod } = event.data;
      return { ...base, scoreTypes: new Map(state.scoreTypes).set(scoreTypeId, { scoreTypeId, name, scaleMin, scaleMax, weight, calculationMethod }) };
    }
    case 'PhaseDefined': {
      const d = event.data;
      const phases = new Map(state.phases).set(d.phase, { phase: d.phase, carryOver: d.carryOver, weights: d.weights, judges: new Set(), closed: false });
      return { ...base, phases: new Map([...phases].sort(([a], [b]) => phaseOrder(a) - phaseOrder(b))) };
    }
    case 'JudgeAssigned': {
      const phase = state.phases.get(event.data.phase);
      if (!phase) return base;
      return { ...base, phases: new Map(state.phases).set(phase.phase, { ...phase, judges: new Set(phase.judges).add(event.data.judgeId) }) };
    }
    case 'ScoreSubmitted': {
      const d = event.data;
      const score: RawScore = { scoreId: d.scoreId, phase: d.phase, judgeId: d.judgeId, contestantId: d.contestantId, scoreTypeId: d.scoreTypeId, value: d.value, at: d.at };
      return { ...base, scores: new Map(state.scores).set(scoreKey(d.phase, d.judgeId, d.contestantId, d.scoreTypeId), score) };
    }
    case 'JudgeScoresLocked': {
      const d = event.data;
      return { ...base, locks: new Map(state.locks).set(lockKey(d.phase, d.judgeId), { phase: d.phase, judgeId: d.judgeId, commitment: d.commitment, salt: d.salt, at: d.at }) };
    }
    case 'ScoreAdjusted': {
      const { adjustmentId, phase, contestantId, points, reason, by, at } = event.data;
      return { ...base, adjustments: [...state.adjustments, { adjustmentId, phase, contestantId, points, reason, by, at }] };
    }
    case 'PhaseClosed': {
      const phase = state.phases.get(event.data.phase);
      if (!phase) return base;
      return { ...base, phases: new Map(state.phases).set(phase.phase, { ...phase, closed: true }) };
    }
    case 'BlendConfigured':
      return { ...base, blend: { juryWeight: event.data.juryWeight, publicWeight: event.data.publicWeight } };
    case 'JuryScoresRevealed':
      return { ...base, revealed: event.data.reveals, revealedAt: event.data.at };
    case 'ScoringFinalised':
      return { ...base, finalised: true };
    case 'RankingSnapshotTaken':
      return { ...base, snapshotIds: new Set(state.snapshotIds).add(event.data.snapshotId) };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown judging event ${(unknown as { type: string }).type}`);
    }
  }
}

export const judgingDecider: StreamDecider<JudgingState, JudgingEvent> = {
  aggregate: 'judging',
  initialState: initialJudgingState,
  evolve: evolveJudging,
};

export function phaseOrder(phase: PhaseName): number {
  return PHASE_NAMES.indexOf(phase);
}

/** The scores a judge has given in a phase (the ones a lock commits to). */
export function scoresOf(state: JudgingState, phase: PhaseName, judgeId: string): RawScore[] {
  return [...state.scores.values()].filter((score) => score.phase === phase && score.judgeId === judgeId);
}

/** Only locked scores count: they are the ones committed to before the reveal. */
export function lockedScores(state: JudgingState): RawScore[] {
  return [...state.scores.values()].filter((score) => state.locks.has(lockKey(score.phase, score.judgeId)));
}

/** The jury computation's input from the stream's state: locked scores only. */
export function juryInputOf(state: JudgingState): JuryInput {
  return {
    scoreTypes: [...state.scoreTypes.values()],
    phases: [...state.phases.values()],
    scores: lockedScores(state),
    adjustments: state.adjustments,
  };
}

/** The events of one type among a decision's, typed (the runner returns them as the stream's union). */
export function eventsOfType<T extends JudgingEvent['type']>(events: readonly JudgingEvent[], type: T): Extract<JudgingEvent, { type: T }>[] {
  return events.filter((event): event is Extract<JudgingEvent, { type: T }> => event.type === type);
}
