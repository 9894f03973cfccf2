import { CalculationMethod, PhaseName } from './judging.events';
import { clamp, normaliseJudgeValues, round4 } from './normalisation';

export interface JuryScoreType {
  scoreTypeId: string;
  scaleMin: number;
  scaleMax: number;
  weight: number;
  calculationMethod: CalculationMethod;
}

export interface JuryPhase {
  phase: PhaseName;
  carryOver: number;
  weights: Readonly<Record<string, number>>;
}

export interface JuryScore {
  phase: PhaseName;
  judgeId: string;
  contestantId: string;
  scoreTypeId: string;
  value: number;
}

export interface JuryAdjustment {
  phase: PhaseName;
  contestantId: string;
  points: number;
}

/** What the jury result is computed from: the locked scores only, so a state and the read model tables give the same answer. */
export interface JuryInput {
  scoreTypes: readonly JuryScoreType[];
  /** In phase order. */
  phases: readonly JuryPhase[];
  scores: readonly JuryScore[];
  adjustments: readonly JuryAdjustment[];
}

export interface TypeResult {
  phase: PhaseName;
  contestantId: string;
  scoreTypeId: string;
  /** Mean of the judges' normalised scores, 0–100. */
  normalised: number;
  /** Its share of the phase score: weight · normalised / Σ weights of the types the contestant was scored on. */
  weighted: number;
}

export interface PhaseResult {
  phase: PhaseName;
  contestantId: string;
  /** Σ weighted, before adjustments. */
  score: number;
  adjustment: number;
  /** clamp(score + adjustment, 0, 100). */
  adjusted: number;
  /** With the carry-over of the earlier phases: carryOver · previous cumulative + (1 − carryOver) · adjusted. */
  cumulative: number;
}

export interface JuryResult {
  types: TypeResult[];
  phases: PhaseResult[];
  /** contestantId → jury score (0–100): the cumulative score of the last phase with any scores; 0 for a contestant not scored there. */
  jury: Map<string, number>;
}

/** The jury's result (libs/scoring/README.md "From raw scores to a jury score"). */
export function computeJury(input: JuryInput): JuryResult {
  const typesById = new Map(input.scoreTypes.map((type) => [type.scoreTypeId, type]));
  const types: TypeResult[] = [];
  const phases: PhaseResult[] = [];
  let previous = new Map<string, number>();
  let lastScored: Map<string, number> | null = null;
  for (const phase of input.phases) {
    const normalisedByType = new Map<string, Map<string, number[]>>();
    const phaseScores = input.scores.filter((score) => score.phase === phase.phase && typesById.has(score.scoreTypeId));
    for (const [key, group] of groupBy(phaseScores, (score) => `${score.judgeId}|${score.scoreTypeId}`)) {
      const type = typesById.get(key.split('|')[1])!;
      const normalised = normaliseJudgeValues(type.calculationMethod, { min: type.scaleMin, max: type.scaleMax }, group.map((score) => score.value));
      const byContestant = normalisedByType.get(type.scoreTypeId) ?? new Map<string, number[]>();
      normalisedByType.set(type.scoreTypeId, byContestant);
      group.forEach((score, i) => pushTo(byContestant, score.contestantId, normalised[i]));
    }
    const perContestant = new Map<string, { scoreTypeId: string; normalised: number; weight: number }[]>();
    for (const [scoreTypeId, byContestant] of [...normalisedByType].sort(([a], [b]) => a.localeCompare(b))) {
      const weight = phase.weights[scoreTypeId] ?? typesById.get(scoreTypeId)!.weight;
      for (const [contestantId, values] of byContestant) {
        const normalised = values.reduce((sum, value) => sum + value, 0) / values.length;
        pushTo(perContestant, contestantId, { scoreTypeId, normalised, weight });
      }
    }
    if (perContestant.size === 0) continue;
    const cumulative = new Map<string, number>();
    for (const [contestantId, entries] of [...perContestant].sort(([a], [b]) => a.localeCompare(b))) {
      const totalWeight = entries.reduce((sum, entry) => sum + entry.weight, 0);
      let score = 0;
      for (const entry of entries) {
        const weighted = totalWeight > 0 ? (entry.weight * entry.normalised) / totalWeight : 0;
        score += weighted;
        types.push({ phase: phase.phase, contestantId, scoreTypeId: entry.scoreTypeId, normalised: round4(entry.normalised), weighted: round4(weighted) });
      }
      const adjustment = input.adjustments.filter((a) => a.phase === phase.phase && a.contestantId === contestantId).reduce((sum, a) => sum + a.points, 0);
      const adjusted = clamp(score + adjustment);
      const before = previous.get(contestantId);
      const carried = before === undefined ? adjusted : phase.carryOver * before + (1 - phase.carryOver) * adjusted;
      cumulative.set(contestantId, carried);
      phases.push({ phase: phase.phase, contestantId, score: round4(score), adjustment: round4(adjustment), adjusted: round4(adjusted), cumulative: round4(carried) });
    }
    previous = cumulative;
    lastScored = cumulative;
  }
  const jury = new Map<string, number>();
  for (const [contestantId, value] of lastScored ?? []) jury.set(contestantId, round4(value));
  return { types, phases, jury };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) pushTo(groups, key(item), item);
  return groups;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
