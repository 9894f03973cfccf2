import { Global, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { ENV, Env, EnvReader, PG_POOL, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { Pool } from 'pg';
import { AppendObservers, observeAppends } from './append-observers';
import { CommandRunner } from './command/command-runner';
import { EVENT_STORE, EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { UpcasterRegistry } from './upcasting/upcaster-registry';

/**
 * The EventStore port for the whole app: the PostgreSQL adapter on the shared write pool by
 * default, EventStoreDB when EVENTSTORE_URL is set. Contexts inject EVENT_STORE (or just the
 * CommandRunner) and register their upcasters on UpcasterRegistry at module init.
 */
@Global()
@Module({
  providers: [
    UpcasterRegistry,
    AppendObservers,
    {
      provide: EVENT_STORE,
      inject: [PLATFORM_CONFIG, PG_POOL, UpcasterRegistry, ENV, AppendObservers],
      useFactory: async (config: PlatformConfig, pool: Pool, upcasters: UpcasterRegistry, env: Env, observers: AppendObservers): Promise<EventStore> => {
        if (config.eventStoreUrl) {
          // Loaded only when configured: the EventStoreDB client and gRPC are ~150 modules (~0.4 s
          // of CPU) every process, CLI run and test file would load for nothing otherwise.
          const { EsdbEventStore } = await import('./esdb/esdb-event-store');
          return observeAppends(EsdbEventStore.connect(config.eventStoreUrl, { upcasters }), observers);
        }
        // Group commit: appends in flight at once before the others wait and go together (0: off).
        // One flush at a time measured best under vote load (bench:votes: fewer, larger batches,
        // ~35% less CPU per vote than 4); a lone writer still goes at once.
        const groupCommitFlushes = new EnvReader(env).int('EVENTSTORE_GROUP_COMMIT_FLUSHES', 1, { min: 0, max: 64 });
        return observeAppends(new PostgresEventStore(pool, { upcasters, groupCommitFlushes }), observers);
      },
    },
    CommandRunner,
  ],
  exports: [EVENT_STORE, CommandRunner, UpcasterRegistry, AppendObservers],
})
export class EventStoreModule implements OnModuleDestroy {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Stops subscriptions and the LISTEN connection (or the ESDB client) before
   * onApplicationShutdown, where DatabaseModule ends the pool they read through. The pool
   * itself is DatabaseModule's to close.
   */
  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }
}
