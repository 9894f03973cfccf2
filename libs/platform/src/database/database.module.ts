import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Migration, Migrator } from '@mikro-orm/migrations';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform.config';
import { openPool } from './database-url';
import { mikroOrmConnection } from './mikro-orm-connection';
import { DatabaseLocation, locateDatabase } from './database-location';
import { ReplicaRouter } from './replica-router';
import { DATABASE_LOCATION, PG_POOL } from './database.tokens';
import { TallyMetrics } from '../metrics/tally-metrics';
import { timeQueries } from '../metrics/timed-queries';

/** What one bounded context contributes to the shared database: its read entities and migrations. */
export interface ContextSchema {
  entities: EntityClass<unknown>[];
  migrations: { name: string; class: Constructor<Migration> }[];
}

/**
 * One database for the event store and every read model. Each context keeps its own
 * migrations beside its entities; they run together at start in name (timestamp) order.
 */
export function migrationsInOrder(schemas: ContextSchema[]): MigrationObject[] {
  return schemas
    .flatMap((schema) => schema.migrations)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((migration) => ({ name: migration.name, class: migration.class }));
}

/** How MikroORM's migrator runs them: each in a transaction, all or nothing, no snapshots. */
export function migrationOptions(migrationsList: MigrationObject[]) {
  return { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true };
}

/** Advisory lock key taken while migrating (an arbitrary constant: "tally" + "mig"). */
const MIGRATION_LOCK = 7_461_108_120_105_103;

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
  ) {}

  static forRoot(schemas: ContextSchema[]): DynamicModule {
    const entities = schemas.flatMap((schema) => schema.entities);
    const migrationsList = migrationsInOrder(schemas);
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [DATABASE_LOCATION, PLATFORM_CONFIG],
          driver: PostgreSqlDriver,
          useFactory: (location: DatabaseLocation, config: PlatformConfig) => ({
            driver: PostgreSqlDriver,
            ...mikroOrmConnection(location.url, `tally-${config.role}`),
            // Each replica names all of its connection settings: MikroORM merges the primary's
            // driverOptions under a replica's, and a replica must not inherit the primary's TLS.
            replicas: location.replicaUrls.map((url) => mikroOrmConnection(url, `tally-${config.role}`)),
            entities,
            extensions: [Migrator],
            migrations: migrationOptions(migrationsList),
            pool: { min: 0, max: config.databasePoolSize },
            allowGlobalContext: false,
            // The API opens the request context in a Fastify hook (apps/api request-scope.hook.ts)
            // rather than through Nest middleware.
            registerRequestContext: false,
            forceUtcTimezone: true,
            debug: false,
          }),
        }),
      ],
      providers: [
        { provide: DATABASE_LOCATION, inject: [PLATFORM_CONFIG], useFactory: locateDatabase },
        {
          // Before anything reads: replicas are out of rotation until their lag is measured.
          provide: ReplicaRouter,
          inject: [MikroORM, DATABASE_LOCATION, PLATFORM_CONFIG],
          useFactory: (orm: MikroORM, location: DatabaseLocation, config: PlatformConfig) => {
            const router = new ReplicaRouter(config.region);
            router.attach(orm.em.getDriver(), location.embedded ? [] : config.databaseReplicaRegions);
            return router;
          },
        },
        {
          provide: PG_POOL,
          // TallyMetrics is there where ObservabilityModule is (API, worker), not in the CLI.
          inject: [DATABASE_LOCATION, PLATFORM_CONFIG, { token: TallyMetrics, optional: true }],
          useFactory: (location: DatabaseLocation, config: PlatformConfig, metrics?: TallyMetrics) => {
            const pool = openPool(location.url, { max: config.databasePoolSize, applicationName: `tally-${config.role}` });
            return metrics ? timeQueries(pool, metrics, 'primary') : pool;
          },
        },
      ],
      // MikroORM and its EntityManager come from MikroOrmCoreModule, which is global.
      exports: [PG_POOL, DATABASE_LOCATION, ReplicaRouter],
    };
  }

  /**
   * Committed migrations run before any other module starts using the tables. Processes that
   * start together (cluster workers, an API beside a worker) take turns under an advisory lock,
   * so one migrates and the others find the work done; the embedded database has one process.
   */
  async onModuleInit(): Promise<void> {
    if (this.location.embedded) {
      await this.orm.getMigrator().up();
      return;
    }
    const lock = await this.pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await this.orm.getMigrator().up();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
    await this.location.close();
  }
}
