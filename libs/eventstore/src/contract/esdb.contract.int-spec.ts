import { EsdbEventStore } from '../esdb/esdb-event-store';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { eventStoreContract } from './event-store.contract';

// No EventStoreDB server can run on the build machines (no package, no Docker engine); the
// contract runs against one whenever EVENTSTORE_URL points at it, e.g. the docker compose one:
//   EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false' npx jest libs/eventstore/src/contract/esdb
const url = process.env.EVENTSTORE_URL;
const describeWithServer = url ? describe : describe.skip;

describeWithServer(`EventStore contract — EventStoreDB adapter${url ? '' : ' (skipped: EVENTSTORE_URL is not set, no server to run against)'}`, () => {
  eventStoreContract({
    create: async () => {
      const upcasters = new UpcasterRegistry();
      const store = EsdbEventStore.connect(url!, { upcasters });
      await store.ping();
      return { store, upcasters, close: () => store.close() };
    },
    openTransactions: {
      supported: false,
      reason: 'EventStoreDB commits appends atomically in $all order; there are no client transactions to hold open',
    },
  });
});
