import { EventStoreUnavailableError } from '../event-store.errors';
import { EsdbEventStore } from './esdb-event-store';

// Runs without a server on purpose: nothing listens on port 1, so the client fails fast with
// gRPC 14 UNAVAILABLE, which the adapter must turn into the port's EventStoreUnavailableError.
describe('EsdbEventStore without a reachable server', () => {
  const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false&defaultDeadline=3000');

  afterAll(() => store.close());

  it('reports the store unavailable on ping, append and reads', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const event = { type: 'X', data: {}, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null } };
    await expect(store.append('x-t.1', [event], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream('x-t.1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
