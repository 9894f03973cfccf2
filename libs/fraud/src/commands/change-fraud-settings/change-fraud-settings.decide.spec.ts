import { DEFAULT_FRAUD_SETTINGS, fraudSettingsDecider } from '../../domain/fraud-settings';
import { decideChangeFraudSettings } from './change-fraud-settings.decide';

const now = new Date('2026-03-01T20:00:00Z');
const initial = fraudSettingsDecider.initialState();

describe('decideChangeFraudSettings', () => {
  it('records new settings, and evolve makes them the tenant’s', () => {
    const settings = { ...DEFAULT_FRAUD_SETTINGS, holdAt: 50, rejectAt: 90 };
    const events = decideChangeFraudSettings(settings, initial, now);
    expect(events).toEqual([{ type: 'FraudSettingsChanged', data: { settings, at: now.toISOString() } }]);
    expect(fraudSettingsDecider.evolve(initial, events[0]).settings).toEqual(settings);
  });

  it('refuses a hold threshold above the reject threshold, naming the field', () => {
    expect(() => decideChangeFraudSettings({ ...DEFAULT_FRAUD_SETTINGS, holdAt: 80, rejectAt: 70 }, initial, now)).toThrow(expect.objectContaining({ code: 'FRAUD.INVALID_SETTINGS', message: 'holdAt must not be above rejectAt' }));
  });

  it('refuses a weight outside 0–100', () => {
    const weights = { ...DEFAULT_FRAUD_SETTINGS.weights, geoAnomaly: 101 };
    expect(() => decideChangeFraudSettings({ ...DEFAULT_FRAUD_SETTINGS, weights }, initial, now)).toThrow('weights.geoAnomaly must be a whole number from 0 to 100');
  });

  it('appends nothing when the same settings are sent again', () => {
    const changed = fraudSettingsDecider.evolve(initial, decideChangeFraudSettings(DEFAULT_FRAUD_SETTINGS, initial, now)[0]);
    expect(decideChangeFraudSettings(DEFAULT_FRAUD_SETTINGS, changed, now)).toEqual([]);
  });
});
