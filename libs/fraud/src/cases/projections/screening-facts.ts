import { VoteCast } from '@tally/voting';

/** What a case shows of the screening that held its vote. */
export interface ScreeningFacts {
  score: number | null;
  signals: string[];
  factors: unknown[];
  reason: string;
  severity: 'low' | 'medium' | 'high';
}

interface Factor {
  signal?: unknown;
  name?: unknown;
  contribution?: unknown;
}

/**
 * Reads the optional `screening` record of a held VoteCast (score 0–100 and its factors, each
 * naming a signal). Votes held by a screening that recorded nothing (or before it existed) still
 * make a case: reason `screening`, medium severity. Severity follows the default bands (≥ 75
 * high, ≥ 65 medium).
 */
export function screeningFacts(data: VoteCast['data']): ScreeningFacts {
  const screening = (data as { screening?: { score?: unknown; factors?: unknown } }).screening;
  const score = typeof screening?.score === 'number' && Number.isFinite(screening.score) ? Math.round(screening.score) : null;
  const factors = Array.isArray(screening?.factors) ? (screening.factors as unknown[]) : [];
  const ranked = factors
    .map((factor) => factor as Factor)
    .map((factor) => ({ signal: typeof factor.signal === 'string' ? factor.signal : typeof factor.name === 'string' ? factor.name : null, weight: typeof factor.contribution === 'number' ? factor.contribution : 0 }))
    .filter((factor): factor is { signal: string; weight: number } => factor.signal !== null && factor.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const signals = [...new Set(ranked.map((factor) => factor.signal))];
  const severity = score === null ? 'medium' : score >= 75 ? 'high' : score >= 65 ? 'medium' : 'low';
  return { score, signals, factors, reason: signals[0] ?? 'screening', severity };
}
