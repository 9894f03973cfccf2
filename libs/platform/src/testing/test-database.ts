import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { emptyPgliteCluster } from './pglite-dump';

export type TestDatabaseKind = 'postgres' | 'pglite';

/** A throw-away database for one test file: its own PostgreSQL database, or an in-memory PGlite. */
export interface TestDatabase {
  kind: TestDatabaseKind;
  url: string;
  drop(): Promise<void>;
}

/**
 * Content a new test database starts from instead of an empty one (testing/migrated-template.ts:
 * every migration already applied, so each test app skips the seconds migrating costs).
 */
export interface TestDatabaseTemplate {
  /** Name of a database on the test server to copy with CREATE DATABASE … TEMPLATE. */
  postgres(): Promise<string>;
  /** A PGlite data directory dump (EmbeddedPostgres.dump). */
  pglite(): Promise<Blob>;
}

export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ADMIN_URL = TEST_POSTGRES_ADMIN_URL;

let postgresReachable: Promise<boolean> | undefined;

/** Whether the real PostgreSQL server the tests prefer is up (CI starts it). */
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return postgresReachable;
}

/**
 * Real PostgreSQL when it answers, else PGlite; `TALLY_TEST_DB=pglite|postgres` forces one.
 * Names always contain `test`, and dropping refuses any database whose name lacks it, so a
 * test can never wipe a real database by a slip of configuration (STYLE rule 9).
 */
export async function createTestDatabase(kind?: TestDatabaseKind, template?: TestDatabaseTemplate): Promise<TestDatabase> {
  const forced = process.env.TALLY_TEST_DB as TestDatabaseKind | undefined;
  const chosen = kind ?? forced ?? ((await isPostgresReachable()) ? 'postgres' : 'pglite');
  return chosen === 'postgres' ? createPostgresDatabase(await template?.postgres()) : createPgliteDatabase(await template?.pglite());
}

async function createPostgresDatabase(template: string | undefined): Promise<TestDatabase> {
  const name = `tally_test_${randomBytes(6).toString('hex')}`;
  await withTestAdmin((admin) => admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () => dropPostgresDatabase(name),
  };
}

async function dropPostgresDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]*test[a-z0-9_]*$/.test(name)) throw new Error(`Refusing to drop ${name}: not a test database`);
  await withTestAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function createPgliteDatabase(initialDump: Blob | undefined): Promise<TestDatabase> {
  // Room for every pool the whole app opens (event store, MikroORM, locks, listeners) plus tests' own.
  // Without a template, an empty cluster loaded from its dump: seconds of CPU less than initdb each time.
  const embedded = await EmbeddedPostgres.start({ maxConnections: 100, initialDump: initialDump ?? (await emptyPgliteCluster()) });
  return { kind: 'pglite', url: embedded.url, drop: () => embedded.stop() };
}

/** Runs `work` on a connection to the test server's maintenance database. */
export async function withTestAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
