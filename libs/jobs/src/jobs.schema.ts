import { ContextSchema } from '@tally/platform';
import { BatchJobRow, JobResultRow } from './job-run.entities';
import { Migration20261204051000_jobs_runs } from './jobs.migrations';
import { AsyncTaskRow } from './tasks/async-task.entity';
import { Migration20261204110000_async_tasks } from './tasks/tasks.migrations';

/** batch_jobs, job_results and async_tasks; listed in DatabaseModule.forRoot beside the projections' schema. */
export const jobsSchema: ContextSchema = {
  entities: [BatchJobRow, JobResultRow, AsyncTaskRow],
  migrations: [
    { name: 'Migration20261204051000_jobs_runs', class: Migration20261204051000_jobs_runs },
    { name: 'Migration20261204110000_async_tasks', class: Migration20261204110000_async_tasks },
  ],
};
