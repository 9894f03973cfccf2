import { DomainEvent } from '@tally/eventstore';

/** The signals the scorer knows; a factor names one of them. */
export type SignalName = 'ipVelocity' | 'deviceSharing' | 'geoAnomaly' | 'phoneReputation' | 'votePattern' | 'paymentRisk';

export const SIGNAL_NAMES: readonly SignalName[] = ['ipVelocity', 'deviceSharing', 'geoAnomaly', 'phoneReputation', 'votePattern', 'paymentRisk'];

/** A stored factor's name: an internal signal, or the optional external scorer (README "External scoring"). */
export type FactorName = SignalName | 'externalScore';

export type FraudDecision = 'accept' | 'hold' | 'reject';

/** Per-tenant weights (relative, 0–100 each) and decision thresholds (0–100, hold ≤ reject). */
export interface FraudSettings {
  weights: Record<SignalName, number>;
  holdAt: number;
  rejectAt: number;
}

/** A tenant's fraud settings replaced as a whole; the actor is in the metadata. */
export type FraudSettingsChanged = DomainEvent<'FraudSettingsChanged', { settings: FraudSettings; at: string }>;

export type FraudSettingsEvent = FraudSettingsChanged;
export type FraudSettingsEventType = FraudSettingsEvent['type'];
export const FRAUD_SETTINGS_EVENT_TYPES: readonly FraudSettingsEventType[] = ['FraudSettingsChanged'];

/** Streams `fraudsettings-<tenant>.settings`: one per tenant. */
export const FRAUD_SETTINGS_CATEGORY = 'fraudsettings';

/** One signal's part in a score: its risk, the tenant's weight for it, and the points it added. */
export interface StoredFactor {
  signal: FactorName;
  risk: number;
  weight: number;
  /** round(weight × risk): whole points, so the score is their exact sum. */
  contribution: number;
  reason: string;
  inputs: Record<string, string | number | boolean | null>;
}

/**
 * A would-be vote the screening refused (403 vote-rejected). Accepted and held votes carry their
 * screening in their own VoteCast; a refused one has no VoteCast, so its decision is recorded
 * here, on `fraudscreening-<tenant>.<userId>`, for the fraud read models and auditors.
 */
export type VoteScreenedOut = DomainEvent<
  'VoteScreenedOut',
  {
    screeningId: string;
    userId: string;
    contestId: string;
    contestantId: string;
    amount: number;
    score: number;
    decision: FraudDecision;
    factors: StoredFactor[];
    modelVersion: string;
    at: string;
  }
>;

export const FRAUD_SCREENING_CATEGORY = 'fraudscreening';
