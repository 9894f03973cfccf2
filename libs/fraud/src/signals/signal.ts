import { FactorName } from '../domain/fraud.events';

/** What one scorer saw and what it made of it: a risk from 0 (nothing odd) to 1 (as bad as it gets). */
export interface SignalResult {
  signal: FactorName;
  /** 0–1, rounded to three decimals so that stored factors reproduce the score exactly. */
  risk: number;
  /** Why, in words an organizer reading a case understands. */
  reason: string;
  /** The inputs the risk was computed from, recorded with the score. */
  inputs: Record<string, string | number | boolean | null>;
  /**
   * The inputs are evidence worth storing even when the signal adds no points (an address's
   * window counts, a device, a place): the read models count them and an auditor reads them.
   * A factor without it is stored only when it contributed.
   */
  evidence?: boolean;
}

/** 0 at or below `low`, 1 at or above `high`, linear between. */
export function ramp(value: number, low: number, high: number): number {
  if (value <= low) return 0;
  if (value >= high) return 1;
  return (value - low) / (high - low);
}

/** Independent pieces of evidence combined as a noisy-or: any one of them near 1 makes the whole near 1. */
export function anyOf(...risks: number[]): number {
  return 1 - risks.reduce((clear, risk) => clear * (1 - risk), 1);
}

export function roundRisk(risk: number): number {
  return Math.round(Math.min(1, Math.max(0, risk)) * 1000) / 1000;
}
