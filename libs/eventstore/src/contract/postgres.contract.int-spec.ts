import { eventStoreContract } from './event-store.contract';
import { createPostgresHarness } from './postgres-harness';

// The PostgreSQL adapter against a real PostgreSQL server (CI has 15), schema installed by the
// MikroORM migration exactly as the app does it.
const describeOnServer = process.env.TALLY_TEST_DB === 'pglite' ? describe.skip : describe;

describeOnServer('EventStore contract — PostgreSQL adapter on PostgreSQL', () => {
  eventStoreContract({
    create: () => createPostgresHarness('postgres', { migrate: 'orm' }),
    openTransactions: { supported: true },
  });
});
