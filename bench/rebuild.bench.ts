/**
 * Projection rebuild throughput: one million vote events (default) are appended in bulk to the
 * PostgreSQL event store (the store's own append, many events per call, several calls in
 * parallel), then each voting projection is rebuilt from the first event through
 * ProjectionRebuildService (what `npm run cli -- projections:rebuild <name>` calls): shadow
 * tables, batched apply, swap. Prints append events/s and, per projection, events/s.
 *
 *   npm run bench:rebuild
 *   BENCH_REBUILD_EVENTS=200000 npm run bench:rebuild
 *
 * Knobs: BENCH_REBUILD_EVENTS (1000000), BENCH_STREAM_EVENTS (events per voter stream, 1000),
 * BENCH_APPEND_BATCH (events per append call, 1000), BENCH_APPEND_PARALLEL (4),
 * BENCH_REBUILD_PROJECTIONS (voting-votes,voting-leaderboard,voting-contests),
 * PROJECTIONS_REBUILD_BATCH_SIZE (events per rebuild transaction, the app's default 5000 when
 * unset), BENCH_ANALYZE (1: ANALYZE es_events after the bulk load). The app runs in this process
 * with ROLE=api (no live runner competing). Own database and Redis prefix, removed at the end.
 *
 * Why ANALYZE: a million rows appended in a minute leave the planner with the statistics of an
 * empty es_events until autovacuum gets to it, and with those it reads each batch by a bitmap scan
 * of everything after the checkpoint plus a sort — quadratic over a rebuild. A production log
 * grows slowly and is analysed as it grows; BENCH_ANALYZE=0 shows the other case.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { EVENT_STORE, EventStore, EventToAppend, ProjectionRebuildService } from '@tally/eventstore';
import { TenantDirectory } from '@tally/tenancy';
import { voteHash, voterStream } from '@tally/voting';
import { createApp } from '../apps/api/src/create-app';
import { inParallel, prepareContest } from './support/contest-setup';
import { openBenchEnvironment } from './support/server';

const EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
const STREAM_EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 1000);
const BATCH = Number(process.env.BENCH_APPEND_BATCH ?? 1000);
const PARALLEL = Number(process.env.BENCH_APPEND_PARALLEL ?? 4);
const PROJECTIONS = (process.env.BENCH_REBUILD_PROJECTIONS ?? 'voting-votes,voting-leaderboard,voting-contests').split(',');
const ANALYZE = (process.env.BENCH_ANALYZE ?? '1') !== '0';
const REBUILD_BATCH = process.env.PROJECTIONS_REBUILD_BATCH_SIZE;

/** A voter's stream as the CastVote path writes it: one grant, then single votes. */
function voterEvents(tenantId: string, userId: string, contestId: string, contestantIds: string[], count: number, start: number): EventToAppend[] {
  const metadata = { tenantId, actorId: userId, clientIp: '127.0.0.1', correlationId: randomUUID(), causationId: null };
  const events: EventToAppend[] = [];
  const credits = STREAM_EVENTS;
  for (let i = start; i < start + count; i++) {
    const at = new Date(Date.UTC(2026, 10, 25, 20, 0, 0, i)).toISOString();
    if (i === 0) {
      events.push({ id: randomUUID(), type: 'CreditsGranted', data: { grantId: randomUUID(), userId, credits, source: { kind: 'admin', ref: 'bench' }, balanceAfter: credits, at }, metadata });
      continue;
    }
    const voteId = randomUUID();
    const contestantId = contestantIds[i % contestantIds.length];
    const balanceAfter = credits - i;
    events.push({
      id: voteId,
      type: 'VoteCast',
      data: {
        voteId,
        userId,
        contestId,
        contestantId,
        categoryId: null,
        amount: 1,
        freeUsed: 0,
        paidUsed: 1,
        day: at.slice(0, 10),
        status: 'accepted',
        castAt: at,
        idempotencyKey: voteId,
        fingerprint: `${contestantId}|1|`,
        hash: voteHash({ voteId, tenantId, userId, contestId, contestantId, amount: 1, castAt: at }),
        balanceAfter,
        remaining: { credits: balanceAfter, quotaToday: 0, capLeft: 1_000_000_000 - i },
      },
      metadata,
    });
  }
  return events;
}

async function main(): Promise<void> {
  const environment = await openBenchEnvironment();
  let app: NestFastifyApplication | undefined;
  try {
    const extra: Record<string, string> = { ROLE: 'api', LOG_LEVEL: 'warn', PROJECTIONS_BATCH_SIZE: process.env.PROJECTIONS_BATCH_SIZE ?? '1000' };
    if (REBUILD_BATCH) extra.PROJECTIONS_REBUILD_BATCH_SIZE = REBUILD_BATCH;
    app = await createApp({ env: environment.env(extra) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const contest = await prepareContest(base, { email: environment.adminEmail, password: environment.adminPassword }, { voters: 0, contestants: 10, credits: 0 });
    const tenantId = (await app.get(TenantDirectory).findBySlug('demo'))!.id;
    const store = app.get<EventStore>(EVENT_STORE);

    const streams = Math.ceil(EVENTS / STREAM_EVENTS);
    const jobs: { userId: string; start: number; count: number }[] = [];
    for (let s = 0; s < streams; s++) {
      const userId = randomUUID();
      const inStream = Math.min(STREAM_EVENTS, EVENTS - s * STREAM_EVENTS);
      for (let start = 0; start < inStream; start += BATCH) jobs.push({ userId, start, count: Math.min(BATCH, inStream - start) });
    }
    // A stream's batches go in order (expected revision = the previous batch's last); streams in parallel.
    const byStream = new Map<string, typeof jobs>();
    for (const job of jobs) byStream.set(job.userId, [...(byStream.get(job.userId) ?? []), job]);
    const appendStarted = performance.now();
    let appended = 0;
    await inParallel([...byStream.values()], PARALLEL, async (streamJobs) => {
      for (const job of streamJobs) {
        const events = voterEvents(tenantId, job.userId, contest.eventId, contest.contestantIds, job.count, job.start);
        await store.append(voterStream(tenantId, job.userId), events, job.start === 0 ? 'no_stream' : job.start - 1);
        appended += events.length;
      }
    });
    const appendSeconds = (performance.now() - appendStarted) / 1000;
    console.log(`PostgreSQL: ${environment.database.settings}`);
    console.log(`appended ${appended} voter events (${streams} streams, ${BATCH} per append, ${PARALLEL} in parallel) in ${appendSeconds.toFixed(1)} s: ${(appended / appendSeconds).toFixed(0)} events/s`);
    if (ANALYZE) {
      const analyzeStarted = performance.now();
      const client = new Client({ connectionString: environment.database.url });
      await client.connect();
      await client.query('analyze es_events').finally(() => client.end());
      console.log(`analyze es_events: ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
    }
    console.log(`rebuild batch: ${REBUILD_BATCH ?? 'app default (5000)'} events per transaction`);

    const rebuilds = app.get(ProjectionRebuildService);
    for (const name of PROJECTIONS) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await rebuilds.rebuild(name, { fresh: true });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerEvent = result.processed ? (cpu.user + cpu.system) / result.processed : 0;
      console.log(
        `rebuild ${name.padEnd(20)}: ${result.processed} events in ${seconds.toFixed(1)} s = ${(result.processed / seconds).toFixed(0)} events/s (parked ${result.parked}; bench process CPU ${cpuPerEvent.toFixed(0)} µs/event)`,
      );
    }
  } finally {
    await app?.close().catch((error: unknown) => console.error('close failed:', error));
    await environment.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
