import { JobOverview, JobStatusService } from '@tally/jobs';
import { CliCommand, formatTable, writeLine } from '../cli-command';

export const jobsListCommand: CliCommand = {
  name: 'jobs:list',
  description: 'Every scheduled job with its schedule, last run, next run and failures in the last 24 hours.',
  async run({ app, options, io }) {
    const jobs = await app.get(JobStatusService).list();
    if (options.json) {
      writeLine(io.out, JSON.stringify(jobs, null, 2));
      return;
    }
    if (jobs.length === 0) {
      writeLine(io.out, 'No jobs are registered.');
      return;
    }
    const rows = jobs.map((job) => [job.name, job.schedule, lastRun(job), job.nextRunAt?.toISOString() ?? '-', String(job.failures24h), job.lastRun?.errorMessage ?? '']);
    writeLine(io.out, formatTable(['job', 'schedule', 'last run', 'next run', 'failures 24h', 'last error'], rows));
  },
};

function lastRun(job: JobOverview): string {
  return job.lastRun ? `${job.lastRun.status} ${job.lastRun.createdAt.toISOString()}` : 'never ran';
}
