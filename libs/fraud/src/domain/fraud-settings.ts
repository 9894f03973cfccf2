import { StreamDecider, streamName } from '@tally/eventstore';
import { FraudError } from '../fraud.errors';
import { FRAUD_SETTINGS_CATEGORY, FraudSettings, FraudSettingsChanged, FraudSettingsEvent, SIGNAL_NAMES } from './fraud.events';

/**
 * Points each signal adds at full risk. No single signal reaches the hold band on its own, so
 * an eager fan or a traveller is never held for one oddity; two strong ones are.
 */
export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
  weights: { ipVelocity: 40, deviceSharing: 35, geoAnomaly: 45, phoneReputation: 30, votePattern: 45, paymentRisk: 35 },
  holdAt: 65,
  rejectAt: 75,
};

export interface FraudSettingsState {
  settings: FraudSettings;
  changed: boolean;
}

export const fraudSettingsDecider: StreamDecider<FraudSettingsState, FraudSettingsEvent> = {
  aggregate: 'fraud-settings',
  initialState: () => ({ settings: DEFAULT_FRAUD_SETTINGS, changed: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'FraudSettingsChanged':
        return { settings: event.data.settings, changed: true };
      default: {
        const unknown: never = event.type;
        return unknown;
      }
    }
  },
};

export const fraudSettingsStream = (tenantId: string): string => streamName(FRAUD_SETTINGS_CATEGORY, tenantId, 'settings');

/** Settings replace the previous ones whole; thresholds must keep hold at or below reject. */
export function decideChangeFraudSettings(settings: FraudSettings, state: FraudSettingsState, now: Date): FraudSettingsChanged[] {
  for (const signal of SIGNAL_NAMES) {
    const weight = settings.weights[signal];
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new FraudError('FRAUD.INVALID_SETTINGS', `weights.${signal} must be a whole number from 0 to 100`, { errors: [{ field: `weights.${signal}`, message: 'must be 0-100' }] });
    }
  }
  if (settings.holdAt > settings.rejectAt) {
    throw new FraudError('FRAUD.INVALID_SETTINGS', 'holdAt must not be above rejectAt', { errors: [{ field: 'holdAt', message: 'must be at most rejectAt' }] });
  }
  if (state.changed && JSON.stringify(state.settings) === JSON.stringify(settings)) return [];
  return [{ type: 'FraudSettingsChanged', data: { settings, at: now.toISOString() } }];
}
