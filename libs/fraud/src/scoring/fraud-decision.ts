import { FraudDecision, FraudSettings } from '../domain/fraud.events';

/** Radar-like bands: at or above `rejectAt` refused, at or above `holdAt` recorded but held for review. */
export function decideFraud(score: number, { holdAt, rejectAt }: Pick<FraudSettings, 'holdAt' | 'rejectAt'>): FraudDecision {
  if (score >= rejectAt) return 'reject';
  if (score >= holdAt) return 'hold';
  return 'accept';
}

export const DECISION_SEVERITY: Record<FraudDecision, number> = { accept: 0, hold: 1, reject: 2 };
