import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, PG_POOL, TestDatabase } from '@tally/platform';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import { Pool } from 'pg';
import { createApp } from '../../apps/api/src/create-app';
import { testAppEnv, testDatabaseTemplate } from '../support/test-app';

/**
 * The demo tenant is made at start by every process, and within one process by start-up and by
 * the bootstrap admin at once: however many creations race on a fresh database, one tenant comes
 * to be and every caller gets it (a fresh-clone CI run once saw start-up fail with "The slug
 * "demo" is already used by another tenant" when the bootstrap admin's creation won).
 */
describe('the demo tenant', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-demo-tenant-'));

  beforeAll(async () => {
    database = await createTestDatabase('postgres', testDatabaseTemplate);
    // Start-up leaves the demo tenant to the test: it starts on a database without one.
    app = await createApp({ env: testAppEnv(database, dataDir, { TALLY_DEMO_TENANT: 'false' }) });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is created once when ten creations race, and every one of them answers with it', async () => {
    const directory = app.get(TenantDirectory);
    expect(await directory.findBySlug(DEMO_TENANT_SLUG)).toBeNull();

    const answers = await Promise.all(Array.from({ length: 10 }, () => directory.ensureDemoTenant()));

    const ids = new Set(answers.map((tenant) => tenant.id));
    expect(ids.size).toBe(1);
    expect(answers[0].slug).toBe(DEMO_TENANT_SLUG);
    // Resolvable at once, though lookups during the race may have found the slug reserved and no tenant yet.
    expect(await directory.findBySlug(DEMO_TENANT_SLUG)).toEqual(answers[0]);
    // Every committed TenantCreated, straight from the table (the log's readers see an append only
    // once no older transaction in the cluster is open).
    const created = await app.get<Pool>(PG_POOL).query<{ data: { tenantId: string; slug: string } }>(`select data from es_events where event_type = 'TenantCreated'`);
    expect(created.rows.map((row) => row.data)).toEqual([expect.objectContaining({ tenantId: answers[0].id, slug: DEMO_TENANT_SLUG })]);
    // And once it exists, another call is a lookup.
    expect(await directory.ensureDemoTenant()).toEqual(answers[0]);
  });
});
