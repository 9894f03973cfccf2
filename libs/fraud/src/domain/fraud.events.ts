import { DomainEvent } from '@tally/eventstore';

/** The signals the scorer knows; a factor names one of them. */
export type SignalName = 'ipVelocity' | 'deviceSharing' | 'geoAnomaly' | 'phoneReputation' | 'votePattern' | 'paymentRisk';

export const SIGNAL_NAMES: readonly SignalName[] = ['ipVelocity', 'deviceSharing', 'geoAnomaly', 'phoneReputation', 'votePattern', 'paymentRisk'];

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
