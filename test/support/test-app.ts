import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { databaseSchemas } from '@tally/composition';
import { createTestDatabase, ManualClock, migratedTemplate, migrationSourceDigest, TestDatabase, TestDatabaseKind } from '@tally/platform';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';

export interface TestAppOptions {
  /** Extra environment for this app (e.g. REDIS_URL, provider URLs). */
  env?: Record<string, string>;
  clock?: ManualClock;
  database?: TestDatabaseKind;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** A supertest client bound to the app's HTTP server. */
  http: () => ReturnType<typeof request>;
  /** Id of the `demo` tenant; requests name it with `X-Tenant-Id: demo`. */
  tenantId: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Every test app starts from the schema migrated once (platform testing/migrated-template.ts);
 * tests that start Tally processes of their own can pass it to createTestDatabase too.
 */
export const testDatabaseTemplate = migratedTemplate(databaseSchemas, migrationSourceDigest(join(__dirname, '../../libs')));

/**
 * The whole application on a fresh database (real PostgreSQL when it answers, else PGlite),
 * built by the same createApp as production. Each call gets its own database and data dir.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.database, testDatabaseTemplate);
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-test-'));
  const env = testAppEnv(database, dataDir, options.env);
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp({ env, clock: options.clock });
    await app.getHttpAdapter().getInstance().ready();
    const demo = await app.get(TenantDirectory).findBySlug(DEMO_TENANT_SLUG);
    if (!demo) throw new Error(await demoTenantMissing(app, database));
    const started = app;
    return {
      app: started,
      http: () => request(started.getHttpServer()),
      tenantId: demo.id,
      database,
      close: async () => {
        await started.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Why a started app's directory did not find `demo` (seen once in CI, never reproduced): what
 * the streams themselves say (ensureDemoTenant reads the slug's reservation without the
 * directory's caches) and what a second lookup says, so the next occurrence names its cause.
 */
async function demoTenantMissing(app: NestFastifyApplication, database: TestDatabase): Promise<string> {
  const directory = app.get(TenantDirectory);
  const shown = (found: unknown) => JSON.stringify(found);
  const failed = (error: unknown) => `failed: ${String(error)}`;
  const fromStreams = await directory.ensureDemoTenant().then(shown, failed);
  const again = await directory.findBySlug(DEMO_TENANT_SLUG).then(shown, failed);
  return `The demo tenant was not found after start (${database.kind} ${database.url}): from its streams ${fromStreams}, looked up again ${again}`;
}

/**
 * The environment of a test app on `database` with its data in `dataDir`, `extra` on top: what
 * createTestApp starts with, for a test that calls createApp itself (e.g. without the demo tenant).
 */
export function testAppEnv(database: TestDatabase, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    TALLY_DEFAULT_TENANT: DEMO_TENANT_SLUG,
    // Tests send hundreds of requests from one loopback address, which is not what the default
    // limits are for; the ratelimit tests turn them on (test/ratelimit).
    RATE_LIMITS_ENABLED: 'false',
    // A read naming a position waits up to this for the read models (production: 500 ms, then 503
    // read-model-behind). CI's two shared cores run two test files, PostgreSQL and Redis at once;
    // the tests of the bound itself set their own (test/platform/read-your-writes).
    READ_POSITION_WAIT_MS: '10000',
    // The test servers are this machine's, without TLS; a production-mode test app may reach them
    // (transport-security.ts; test/platform/transport-tls.int-spec.ts checks the TLS itself).
    ALLOW_PLAINTEXT_LOOPBACK: 'true',
    ...extra,
  };
}
