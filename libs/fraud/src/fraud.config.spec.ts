import { ConfigError } from '@tally/platform';
import { loadFraudConfig } from './fraud.config';

describe('fraud config', () => {
  it('screens votes on the mirrored signal state by default, without an external scorer', () => {
    expect(loadFraudConfig({})).toMatchObject({ screeningEnabled: true, signalSync: 'mirrored', signalFlushMs: 20, signalBatchMax: 64, external: null });
  });

  it('takes the exact signal store when asked, and refuses any other sync mode', () => {
    expect(loadFraudConfig({ FRAUD_SIGNAL_SYNC: 'exact' }).signalSync).toBe('exact');
    expect(() => loadFraudConfig({ FRAUD_SIGNAL_SYNC: 'eventual' })).toThrow(ConfigError);
    expect(() => loadFraudConfig({ FRAUD_SIGNAL_SYNC: 'eventual' })).toThrow(/FRAUD_SIGNAL_SYNC/);
  });
});
