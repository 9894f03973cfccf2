import { ramp, roundRisk, SignalResult } from './signal';

export interface VotePatternInput {
  /** When the account's recent votes were cast (epoch ms, oldest first), this one last. */
  recentVoteTimesMs: readonly number[];
  /** When the account last bought credits (epoch ms); null when never. */
  lastPurchaseAtMs: number | null;
}

/** Gaps needed before their regularity means anything; confidence is full at RHYTHM_FULL_GAPS. */
const MIN_GAPS_FOR_RHYTHM = 3;
const RHYTHM_FULL_GAPS = 6;
const BURST_WINDOW_MS = 60_000;

/**
 * People vote unevenly; scripts vote fast, at a metronome's pace (gaps whose spread is tiny next
 * to their mean: a low coefficient of variation), and spend credits the moment they land.
 */
export function scoreVotePattern(input: VotePatternInput): SignalResult {
  const times = input.recentVoteTimesMs;
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const now = times[times.length - 1] ?? 0;
  const minGapMs = gaps.length ? Math.min(...gaps) : null;
  const cv = gaps.length >= MIN_GAPS_FOR_RHYTHM ? coefficientOfVariation(gaps) : null;
  const sincePurchaseMs = input.lastPurchaseAtMs === null ? null : now - input.lastPurchaseAtMs;
  const votesSincePurchase = input.lastPurchaseAtMs === null ? 0 : times.filter((t) => t >= input.lastPurchaseAtMs!).length;

  const rapid = minGapMs === null ? 0 : 1 - ramp(minGapMs, 250, 2000);
  // Three even gaps happen by chance; six in a row do not: the evidence grows with the gaps.
  const metronomic = cv === null ? 0 : (1 - ramp(cv, 0.1, 0.5)) * ramp(gaps.length, MIN_GAPS_FOR_RHYTHM - 1, RHYTHM_FULL_GAPS);
  const burst = sincePurchaseMs !== null && sincePurchaseMs >= 0 && sincePurchaseMs <= BURST_WINDOW_MS ? ramp(votesSincePurchase, 2, 6) : 0;
  // Rapid voting alone is also what an eager fan does, so it weighs less than a machine's rhythm.
  const risk = roundRisk(Math.max(metronomic, 0.6 * rapid, 0.7 * burst));
  const reasons = [metronomic > 0 && `metronomic gaps (cv ${cv!.toFixed(2)})`, rapid > 0 && `votes ${minGapMs} ms apart`, burst > 0 && `${votesSincePurchase} votes within a minute of buying credits`].filter(Boolean);
  return {
    signal: 'votePattern',
    risk,
    reason: reasons.length ? reasons.join('; ') : 'ordinary pace',
    inputs: { votes: times.length, minGapMs, gapCv: cv === null ? null : Math.round(cv * 1000) / 1000, sincePurchaseMs, votesSincePurchase },
  };
}

/** Null when the gaps average under a millisecond: votes at one instant are a burst (rapid), not a rhythm. */
function coefficientOfVariation(values: readonly number[]): number | null {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean < 1) return null;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}
