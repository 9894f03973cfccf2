import { StreamDecider, streamName } from '@tally/eventstore';
import { FRAUD_SETTINGS_CATEGORY, FraudSettings, FraudSettingsEvent } from './fraud.events';

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
  evolve: (_state, event) => {
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
