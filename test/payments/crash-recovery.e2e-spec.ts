import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProjectionStatusService } from '@tally/eventstore';
import { createTestDatabase, TestDatabase, uuidv7 } from '@tally/platform';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';

const SECRET = 'whsec_crash_test';

/**
 * The webhook is recorded by a process that is then killed (SIGKILL) before any credit is
 * granted; the next process grants them from the event log, exactly once, and a redelivery
 * afterwards changes nothing.
 */
describe('payments: a crash between recording a webhook and granting credits', () => {
  let database: TestDatabase;
  let pool: Pool;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-crash-'));
  let child: ChildProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = new Pool({ connectionString: database.url, max: 2 });
    env = { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', TALLY_DEFAULT_TENANT: DEMO_TENANT_SLUG, STRIPE_WEBHOOK_SECRET: SECRET };
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await pool.end();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function inProcess(role: 'api' | 'all'): Promise<NestFastifyApplication> {
    const app = await createApp({ env: { ...env, ROLE: role } });
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  const grants = async (tenantId: string, voterId: string) =>
    (await pool.query<{ credits: number }>(`select (data->>'credits')::int as credits from es_events where stream_id = $1 and event_type = 'CreditsGranted'`, [voterStream(tenantId, voterId)])).rows.map((r) => r.credits);

  it('grants the credits exactly once after a restart', async () => {
    // Boot once to migrate and create the demo tenant, and learn its id.
    const setup = await inProcess('api');
    const tenantId = (await setup.get(TenantDirectory).findBySlug(DEMO_TENANT_SLUG))!.id;
    await setup.close();

    // An API-only process (no worker: the credits reactor does not run there) records the webhook.
    const port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '../..'), env: { ...process.env, ...env, ROLE: 'api', PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok, 60_000);

    const paymentId = uuidv7();
    const voterId = uuidv7();
    const metadata = { tally_tenant_id: tenantId, tally_payment_id: paymentId, tally_voter_id: voterId, tally_votes: '8', tally_contest_id: '' };
    const body = JSON.stringify({ id: `evt_${paymentId}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_crash', object: 'payment_intent', amount: 800, amount_received: 800, currency: 'usd', payment_method_types: ['card'], metadata } } });
    const deliver = (url: string) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) }, body });
    const response = await deliver(`http://127.0.0.1:${port}/api/payments/webhook`);
    expect(response.status).toBe(200);

    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const recorded = await pool.query(`select status from payment_webhooks where provider_event_id = $1`, [`evt_${paymentId}`]);
    expect(recorded.rows).toEqual([{ status: 'processed' }]);
    expect(await grants(tenantId, voterId)).toEqual([]);

    // Restart with the worker: the reactor resumes from its checkpoint and grants once.
    const restarted = await inProcess('all');
    try {
      await waitFor(async () => (await grants(tenantId, voterId)).length > 0, 20_000);
      await waitFor(async () => (await restarted.get(ProjectionStatusService).status('payments.credits')).eventsBehind === 0, 20_000);
      const again = await request(restarted.getHttpServer())
        .post('/api/payments/webhook')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }))
        .send(body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ received: true, duplicate: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await grants(tenantId, voterId)).toEqual([8]);
    } finally {
      await restarted.close();
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
