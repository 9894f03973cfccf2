import { FraudDecision, FraudSettings, StoredFactor } from '../domain/fraud.events';
import { SignalResult } from '../signals/signal';
import { decideFraud } from './fraud-decision';

/** Bumped whenever a scorer or the aggregation changes, so an auditor knows which rules made a stored score. */
export const FRAUD_MODEL_VERSION = 'fraud-v1';

/** One signal's part in a score, as it is stored (VoteCast.screening, VoteScreenedOut). */
export type RiskFactor = StoredFactor;

export interface RiskScore {
  /** 0–100: the sum of the contributions, capped at 100. */
  score: number;
  decision: FraudDecision;
  factors: RiskFactor[];
  modelVersion: string;
}

/**
 * Weights are the points a signal adds at full risk, so one tenant can make a signal decisive
 * (weight ≥ its hold threshold) or mute it (0). Signals add up: a bot trips several at once.
 */
export function aggregateRisk(signals: readonly SignalResult[], settings: FraudSettings): RiskScore {
  const factors = signals.map((s) => {
    const weight = settings.weights[s.signal];
    return { signal: s.signal, risk: s.risk, weight, contribution: Math.round(weight * s.risk), reason: s.reason, inputs: s.inputs };
  });
  const score = scoreOf(factors);
  return { score, decision: decideFraud(score, settings), factors, modelVersion: FRAUD_MODEL_VERSION };
}

/** The score a set of stored factors stands for: what an auditor recomputes. */
export function scoreOf(factors: readonly Pick<RiskFactor, 'contribution'>[]): number {
  return Math.min(100, factors.reduce((sum, f) => sum + f.contribution, 0));
}
