import { CalculationMethod } from './judging.events';

export interface Scale {
  min: number;
  max: number;
}

/** z-scores beyond ±Z_SPAN land on 0 or 100 (three standard deviations: nearly every score). */
const Z_SPAN = 3;

/**
 * One judge's raw values of one score type in one phase (all the contestants they scored),
 * mapped to 0–100 in the same order (libs/scoring/README.md "Normalisation"):
 * - min-max: 100 · (v − scale.min) / (scale.max − scale.min), on the type's own scale;
 * - z-score: 50 + 50 · z / 3 with z = (v − mean) / sd over this judge's values (population sd),
 *   clamped to 0–100; a judge who gave everyone the same value gives everyone 50. A harsh and a
 *   lenient judge who order the contestants alike give them the same normalised scores;
 * - rank-based: 100 · (n − r) / (n − 1), r the contestant's rank among this judge's n values
 *   (1 = highest, ties share the mean of their ranks); a single value is 100.
 */
export function normaliseJudgeValues(method: CalculationMethod, scale: Scale, values: readonly number[]): number[] {
  switch (method) {
    case 'min-max':
      return values.map((value) => clamp((100 * (value - scale.min)) / (scale.max - scale.min)));
    case 'z-score': {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
      return values.map((value) => (sd === 0 ? 50 : clamp(50 + (50 * ((value - mean) / sd)) / Z_SPAN)));
    }
    case 'rank-based': {
      const n = values.length;
      if (n === 1) return [100];
      return values.map((value) => {
        const above = values.filter((other) => other > value).length;
        const equal = values.filter((other) => other === value).length;
        const rank = above + (equal + 1) / 2;
        return clamp((100 * (n - rank)) / (n - 1));
      });
    }
    default: {
      const unknown: never = method;
      throw new Error(`Unknown calculation method ${String(unknown)}`);
    }
  }
}

export function clamp(value: number, min = 0, max = 100): number {
  return Math.min(max, Math.max(min, value));
}

/** Scores are kept to 4 decimals, so equal results computed in another order still tie. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
