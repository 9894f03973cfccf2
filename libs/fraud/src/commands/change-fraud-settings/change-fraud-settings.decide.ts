import { FraudSettings, FraudSettingsChanged, SIGNAL_NAMES } from '../../domain/fraud.events';
import { FraudSettingsState } from '../../domain/fraud-settings';
import { FraudError } from '../../fraud.errors';

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
