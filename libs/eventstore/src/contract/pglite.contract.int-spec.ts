import { eventStoreContract } from './event-store.contract';
import { createPostgresHarness } from './postgres-harness';

describe('EventStore contract — PostgreSQL adapter on PGlite', () => {
  eventStoreContract({
    create: () => createPostgresHarness('pglite'),
    openTransactions: {
      supported: false,
      reason: 'PGlite runs one transaction at a time for the whole database, so commits cannot interleave there',
    },
  });
});
