import { FraudDecision, FraudSettings, StoredFactor } from '../domain/fraud.events';
import { SignalResult } from '../signals/signal';
import { decideFraud } from './fraud-decision';

/** Bumped whenever a scorer or the aggregation changes, so an auditor knows which rules made a stored score. */
export const FRAUD_MODEL_VERSION = 'fraud-v2';

/** One signal's part in a score, as it is stored (VoteCast.screening, VoteScreenedOut). */
export type RiskFactor = StoredFactor;

export interface RiskScore {
  /** 0–100: the sum of the contributions, capped at 100. */
  score: number;
  decision: FraudDecision;
  /** Every signal's part (what POST /api/fraud/check shows an organizer). */
  factors: RiskFactor[];
  modelVersion: string;
}

/**
 * Weights are the points a signal adds at full risk, so one tenant can make a signal decisive
 * (weight ≥ its hold threshold) or mute it (0). Signals add up: a bot trips several at once.
 * `externalWeight`: the points the external scorer's factor adds at full risk (0 without one).
 */
export function aggregateRisk(signals: readonly SignalResult[], settings: FraudSettings, externalWeight = 0): RiskScore {
  const factors = signals.map((s): RiskFactor => {
    // The external scorer's weight is the deployment's (FRAUD_EXTERNAL_WEIGHT), not a tenant setting.
    const weight = s.signal === 'externalScore' ? externalWeight : settings.weights[s.signal];
    return { signal: s.signal, risk: s.risk, weight, contribution: Math.round(weight * s.risk), reason: s.reason, inputs: s.inputs };
  });
  const score = scoreOf(factors);
  return { score, decision: decideFraud(score, settings), factors, modelVersion: FRAUD_MODEL_VERSION };
}

/**
 * The record a decision stores: the factors that added points, and those whose inputs are
 * evidence (an address's counts, a device, a place), not the signals that saw nothing and added
 * nothing. Their contributions still add up to the score (the others were 0), and a vote with
 * nothing odd about it stores a few hundred bytes rather than every signal's inputs.
 */
export function storedScreening(scored: RiskScore, signals: readonly SignalResult[]): RiskScore {
  return { ...scored, factors: scored.factors.filter((factor, i) => factor.contribution > 0 || signals[i]?.evidence === true) };
}

/** The score a set of stored factors stands for: what an auditor recomputes. */
export function scoreOf(factors: readonly Pick<RiskFactor, 'contribution'>[]): number {
  return Math.min(100, factors.reduce((sum, f) => sum + f.contribution, 0));
}
