import { Test, TestingModule } from '@nestjs/testing';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { DatabaseModule, PlatformModule, TestDatabase } from '@tally/platform';
import { JobsModule } from '../../jobs.module';
import { jobsSchema } from '../../jobs.schema';
import { EffectLogTask, effectLogTaskSchema } from './effect-log.task';

/** Tasks every few milliseconds, and short leases, so the tests run in seconds. */
export const FAST_TASKS_ENV = {
  DATABASE_POOL_SIZE: '4',
  TASKS_POLL_MS: '20',
  TASKS_LEASE_MS: '1500',
  TASKS_RETRY_BASE_MS: '100',
  TASKS_RETRY_MAX_MS: '10000',
  TASKS_DEAD_RETRY_BASE_MS: '100',
  TASKS_DEAD_RETRY_MAX_MS: '10000',
};

/** One "process" running (or only enqueuing and reporting on) the effect-log task over the test database. */
export async function startTaskApp(database: TestDatabase, options: { run: boolean; killAfter?: number | null; env?: Record<string, string> }): Promise<{ app: TestingModule; task: EffectLogTask }> {
  const env = { DATABASE_URL: database.url, ...FAST_TASKS_ENV, ...options.env };
  const app = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ env }),
      DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema, effectLogTaskSchema]),
      EventStoreModule,
      ProjectionsModule.forRoot({ run: false }),
      JobsModule.forRoot({ run: options.run }),
    ],
    providers: [EffectLogTask],
  }).compile();
  const task = app.get(EffectLogTask).configure({ url: database.url, killAfter: options.killAfter });
  app.useLogger(false);
  await app.init();
  return { app, task };
}
