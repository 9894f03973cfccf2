import { AppendConditionsUnsupportedError } from '../event-store.errors';
import { EsdbEventStore } from './esdb-event-store';

// EventStoreDB has no multi-stream condition; the adapter refuses conditions before any I/O
// (the client dials lazily, so no server is needed here).
describe('EsdbEventStore append conditions', () => {
  it('says it does not support them and refuses an append that carries them', async () => {
    const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false');
    try {
      expect(store.supportsAppendConditions).toBe(false);
      const event = { type: 'Happened', data: {}, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null } };
      await expect(store.append('a-t.1', [event], 'any', { conditions: [{ streamId: 'b-t.1', revision: 0 }] })).rejects.toBeInstanceOf(
        AppendConditionsUnsupportedError,
      );
    } finally {
      await store.close();
    }
  });
});
