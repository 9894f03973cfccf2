import { Test } from '@nestjs/testing';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { DatabaseModule, PlatformModule } from '@tally/platform';
import { JobsModule } from '../jobs.module';
import { jobsSchema } from '../jobs.schema';
import { PidJob } from './pid.job';

/**
 * A worker process for job-scheduler-processes.int-spec.ts: runs the scheduler with PidJob
 * every JOB_TEST_EVERY_MS over JOB_TEST_DB_URL until it is killed.
 */
async function main(): Promise<void> {
  const url = process.env.JOB_TEST_DB_URL;
  if (!url) throw new Error('JOB_TEST_DB_URL is not set');
  PidJob.everyMs = Number(process.env.JOB_TEST_EVERY_MS ?? 200);
  const app = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ env: { DATABASE_URL: url, DATABASE_POOL_SIZE: '3' } }),
      DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema]),
      EventStoreModule,
      ProjectionsModule.forRoot({ run: false }),
      JobsModule.forRoot({ run: true }),
    ],
    providers: [PidJob],
  }).compile();
  app.useLogger(false);
  await app.init();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
