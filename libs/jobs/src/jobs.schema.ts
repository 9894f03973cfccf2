import { ContextSchema } from '@tally/platform';
import { BatchJobRow, JobResultRow } from './job-run.entities';
import { Migration20261204051000_jobs_runs } from './jobs.migrations';

/** batch_jobs and job_results; listed in DatabaseModule.forRoot beside the projections' schema. */
export const jobsSchema: ContextSchema = {
  entities: [BatchJobRow, JobResultRow],
  migrations: [{ name: 'Migration20261204051000_jobs_runs', class: Migration20261204051000_jobs_runs }],
};
