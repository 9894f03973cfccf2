import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { EventStoreModule, eventStoreSchema, ProjectionStatusService, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { createTestDatabase, DatabaseModule, ManualClock, PlatformModule, TestDatabase } from '@tally/platform';
import { ReadConnection } from '../read-models/read-connection';
import { votingSchema } from '../voting.schema';
import { VotingModule } from '../voting.module';

export interface VotingTestContext {
  app: INestApplicationContext;
  clock: ManualClock;
  database: TestDatabase;
  /** Resolves once every voting projection has applied everything in the log. */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const VOTING_PROJECTIONS = ['voting-contests', 'voting-votes', 'voting-leaderboard'];

/** The voting context with the event store and the projection runner, without HTTP (int-specs). */
export async function createVotingTestContext(env: Record<string, string> = {}): Promise<VotingTestContext> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-voting-'));
  const clock = new ManualClock('2026-03-01T12:00:00.000Z');
  const fullEnv = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, DATA_DIR: dataDir, PROJECTIONS_POLL_MS: '20', ROLE: 'all', ...env };

  @Module({
    imports: [
      PlatformModule.forRoot({ env: fullEnv, clock }),
      DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, votingSchema]),
      EventStoreModule,
      CqrsModule.forRoot(),
      ScheduleModule.forRoot(),
      ProjectionsModule.forRoot({ run: true }),
      VotingModule,
    ],
  })
  class VotingTestModule {}

  const app = await NestFactory.createApplicationContext(VotingTestModule, { logger: false });
  await app.init();
  const status = app.get(ProjectionStatusService);
  return {
    app,
    clock,
    database,
    settle: async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      const db = app.get(ReadConnection);
      for (;;) {
        // Readers only see events below the oldest transaction still open; wait until every
        // append made so far is visible, or "nothing behind" would be read too early.
        const [hidden] = await db.queryPrimary<{ n: string }>('select count(*) as n from es_events where transaction_id >= pg_snapshot_xmin(pg_current_snapshot())');
        if (Number(hidden?.n ?? 0) > 0) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        const statuses = await Promise.all(VOTING_PROJECTIONS.map((name) => status.status(name)));
        const parked = statuses.filter((s) => s.parkedEvents > 0);
        if (parked.length > 0) throw new Error(`Projections parked events: ${JSON.stringify(parked.map((s) => [s.name, s.parkedEvents, s.worker?.lastError]))}`);
        if (statuses.every((s) => s.eventsBehind === 0)) return;
        if (Date.now() > deadline) throw new Error(`Projections did not catch up: ${JSON.stringify(statuses.map((s) => [s.name, s.eventsBehind]))}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
