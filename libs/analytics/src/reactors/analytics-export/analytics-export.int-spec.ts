import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import { DeadLetterService, EVENT_STORE, EventStore, EventToAppend } from '@tally/eventstore';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { connect, NatsConnection } from 'nats';
import { Pool } from 'pg';
import type { AnalyticsMessage } from '../../domain/analytics-message';
import { Pseudonymizer } from '../../domain/pseudonym';
import { ANALYTICS_TEST_ENV, startAnalyticsApp } from '../../testing/analytics-test-kit';
import { HttpBatchSinkServer } from '../../testing/http-batch-sink.server';
import { AnalyticsExportReset } from './analytics-export-reset';

const REPO = join(__dirname, '../../../../..');
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const WRITE_KEY = 'test-write-key';

async function eventually(check: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** `count` votes by three voters of two tenants (plus a contest event), as voting stores them. */
function voteEvents(count: number): { stream: string; event: EventToAppend }[] {
  const tenants = [randomUUID(), randomUUID()];
  const out: { stream: string; event: EventToAppend }[] = [];
  for (let i = 0; i < count; i++) {
    const tenantId = tenants[i % 2];
    const userId = `user-${i % 3}`;
    const data = { voteId: randomUUID(), userId, contestId: 'c1', contestantId: 'k1', categoryId: null, amount: 1, freeUsed: 1, paidUsed: 0, day: '2026-12-04', status: 'accepted', castAt: new Date().toISOString(), idempotencyKey: `idem-${i}`, fingerprint: 'fp', hash: 'h', balanceAfter: 0, remaining: { credits: 0, quotaToday: 0, capLeft: 9 } };
    out.push({ stream: `voter-${tenantId}.${userId}`, event: { id: randomUUID(), type: 'VoteCast', data, metadata: { tenantId, actorId: userId, clientIp: '203.0.113.7', correlationId: randomUUID(), causationId: null } } });
  }
  return out;
}

describe('analytics export (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let nc: NatsConnection;
  const apps: TestingModule[] = [];
  const streams: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // Migrates (event store, checkpoints, dead letters) without running anything.
    const app = await startAnalyticsApp(database.url, { run: false });
    await app.close();
    pool = new Pool({ connectionString: database.url, max: 1 });
    nc = await connect({ servers: NATS_URL });
  }, 60_000);
  beforeEach(async () => {
    // One database for the file: each test starts the export right after the earlier tests' events.
    const app = await startAnalyticsApp(database.url, { run: false });
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await app.close();
    await pool.query(`delete from es_dead_letters where consumer = 'analytics.export'`);
    await pool.query(`delete from es_checkpoints where consumer = 'analytics.export'`);
    if (head) await pool.query(`insert into es_checkpoints (consumer, version, position) values ('analytics.export', 1, $1)`, [head]);
  }, 60_000);
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(async () => {
    const jsm = await nc.jetstreamManager();
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    await pool.end();
    await database.drop();
  });

  const start = async (options: Parameters<typeof startAnalyticsApp>[1]) => {
    const app = await startAnalyticsApp(database.url, options);
    apps.push(app);
    return app;
  };
  const append = async (events: { stream: string; event: EventToAppend }[]) => {
    const app = await startAnalyticsApp(database.url, { run: false });
    const store = app.get<EventStore>(EVENT_STORE);
    for (const { stream, event } of events) await store.append(stream, [event], 'any');
    await app.close();
  };
  /** A JetStream stream and subject of this test run alone. */
  const jetStreamEnv = () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    streams.push(`TALLY_TEST_${suffix}`);
    return { ANALYTICS_NATS_URL: NATS_URL, ANALYTICS_NATS_STREAM: `TALLY_TEST_${suffix}`, ANALYTICS_NATS_SUBJECT: `tally-test.${suffix}` };
  };
  /** Every message of the stream, consumed back through an ordered consumer. */
  const consumeAll = async (stream: string): Promise<{ msgId: string | undefined; subject: string; message: AnalyticsMessage }[]> => {
    const jsm = await nc.jetstreamManager();
    const total = (await jsm.streams.info(stream)).state.messages;
    const consumer = await nc.jetstream().consumers.get(stream);
    const out: { msgId: string | undefined; subject: string; message: AnalyticsMessage }[] = [];
    while (out.length < total) {
      const batch = await consumer.fetch({ max_messages: total - out.length, expires: 2_000 });
      for await (const m of batch) out.push({ msgId: m.headers?.get('Nats-Msg-Id'), subject: m.subject, message: m.json<AnalyticsMessage>() });
    }
    return out;
  };
  const checkpoint = async () => (await pool.query<{ position: string | null; events_processed: string }>(`select position, events_processed from es_checkpoints where consumer = 'analytics.export'`)).rows[0];
  const exported = async () => Number((await checkpoint())?.events_processed ?? 0);

  it('exports to JetStream in batches: every event once, ids as Nats-Msg-Id, tenant-tagged, no PII; a reset sends all again and JetStream drops the copies', async () => {
    const events = voteEvents(45);
    await append(events);
    const env = jetStreamEnv();
    const app = await start({ run: true, env });
    await eventually(async () => expect(await exported()).toBe(45));
    const last = (await checkpoint())?.position;

    const received = await consumeAll(env.ANALYTICS_NATS_STREAM);
    expect(received.map((r) => r.msgId)).toEqual(events.map((e) => e.event.id));
    expect(received.map((r) => r.message.messageId)).toEqual(events.map((e) => e.event.id));
    const pseudonyms = new Pseudonymizer(Buffer.from(ANALYTICS_TEST_ENV.ANALYTICS_PSEUDONYM_KEY));
    received.forEach(({ subject, message }, i) => {
      const { tenantId } = events[i].event.metadata;
      expect(subject).toBe(`${env.ANALYTICS_NATS_SUBJECT}.${tenantId}.VoteCast`);
      expect(message.context.tenantId).toBe(tenantId);
      expect(message.userId).toBe(pseudonyms.pseudonym(tenantId, (events[i].event.data as { userId: string }).userId));
    });
    const text = JSON.stringify(received.map((r) => r.message));
    for (const leak of ['user-0', 'user-1', '203.0.113.7', 'idem-', 'fingerprint', 'balanceAfter']) expect(text).not.toContain(leak);

    // Rebuild from zero: the checkpoint goes back; the caught-up runner notices at the next event,
    // reloads, and sends everything again; the stream keeps one of each.
    expect(await app.get(AnalyticsExportReset).reset()).toMatchObject({ previousPosition: last, parkedDropped: 0 });
    const more = voteEvents(1);
    await append(more);
    await eventually(async () => expect(await exported()).toBe(46));
    expect((await consumeAll(env.ANALYTICS_NATS_STREAM)).map((r) => r.msgId)).toEqual([...events, ...more].map((e) => e.event.id));
  }, 90_000);

  it('exports to a Segment-compatible HTTP batch API: POST /v1/batch, basic auth, messageId = event id, in batches', async () => {
    const sink = new HttpBatchSinkServer(WRITE_KEY);
    await sink.start();
    try {
      const events = voteEvents(25);
      await append(events);
      await start({ run: true, env: { ANALYTICS_HTTP_URL: sink.url, ANALYTICS_HTTP_WRITE_KEY: WRITE_KEY } });
      await eventually(async () => expect(sink.messages.length).toBe(25));
      expect(sink.messages.map((m) => m.messageId)).toEqual(events.map((e) => e.event.id));
      expect(sink.messages.every((m) => m.type === 'track' && m.event === 'VoteCast' && typeof m.userId === 'string')).toBe(true);
      // Batches of ANALYTICS_BATCH_SIZE (10), not one request per event.
      expect(Math.max(...sink.batchSizes)).toBeGreaterThan(1);
      expect(sink.batchSizes.reduce((a, b) => a + b, 0)).toBe(25);
    } finally {
      await sink.stop();
    }
  }, 90_000);

  it('sink down: retries, the events at fault parked (dead letters), the reactor stalls; back up: it goes on and a replay sends the parked ones, each event once', async () => {
    const sink = new HttpBatchSinkServer(WRITE_KEY);
    await sink.start();
    const url = sink.url;
    await sink.stop();
    const events = voteEvents(30);
    await append(events);
    const app = await start({ run: true, env: { ANALYTICS_HTTP_URL: url, ANALYTICS_HTTP_WRITE_KEY: WRITE_KEY, PROJECTIONS_MAX_PARKED_IN_A_ROW: '3' } });
    const deadLetters = app.get(DeadLetterService);
    // Each batch tried, halved down to single events, and three of them parked before the reactor stops parking.
    await eventually(async () => expect((await deadLetters.list('analytics.export')).length).toBe(3));
    const parked = await deadLetters.list('analytics.export');
    expect(parked.map((p) => p.eventId).sort()).toEqual(events.slice(0, 3).map((e) => e.event.id).sort());
    expect(parked[0].error).toContain('Analytics sink http did not take the batch');
    expect((await checkpoint())?.events_processed).toBe('3');

    await sink.start();
    // The reactor, backing off, resumes after the parked events.
    await eventually(async () => expect(sink.messages.length).toBe(27));
    for (const letter of parked) expect((await deadLetters.replay(letter.id)).status).toBe('replayed');
    const ids = sink.messages.map((m) => m.messageId);
    expect(ids.length).toBe(30);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.event.id)));
    await sink.stop();
  }, 90_000);

  it('a worker killed (SIGKILL) after the sink acked a batch, before its checkpoint: the restarted one resumes and the stream holds every event exactly once', async () => {
    const events = voteEvents(60);
    await append(events);
    const env = jetStreamEnv();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/analytics/src/testing/analytics-worker.main.ts'], {
      cwd: REPO,
      env: { ...process.env, ...env, ANALYTICS_TEST_DB_URL: database.url, ANALYTICS_KILL_AFTER_BATCHES: '3', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, killed) => resolve(killed)));
    expect(signal).toBe('SIGKILL');
    // Three batches of ten in the stream, two of them checkpointed: the third is sent again.
    expect((await consumeAll(env.ANALYTICS_NATS_STREAM)).length).toBe(30);
    expect((await checkpoint())?.events_processed).toBe('20');

    await start({ run: true, env });
    await eventually(async () => expect(await exported()).toBe(60));
    const received = await consumeAll(env.ANALYTICS_NATS_STREAM);
    expect(received.length).toBe(60);
    expect(received.map((r) => r.msgId)).toEqual(events.map((e) => e.event.id));
  }, 120_000);
});
