import { JobOverview, JobStatusService, TaskCount, TaskStatusService } from '@tally/jobs';
import { CliCommand, formatTable, writeLine } from '../cli-command';

export const jobsListCommand: CliCommand = {
  name: 'jobs:list',
  description: 'Every scheduled job with its schedule, last run, next run and failures in the last 24 hours, then the async tasks per type and status.',
  async run({ app, options, io }) {
    const jobs = await app.get(JobStatusService).list();
    const tasks = await app.get(TaskStatusService).counts();
    if (options.json) {
      writeLine(io.out, JSON.stringify({ jobs, tasks }, null, 2));
      return;
    }
    if (jobs.length === 0) writeLine(io.out, 'No jobs are registered.');
    else {
      const rows = jobs.map((job) => [job.name, job.schedule, lastRun(job), job.nextRunAt?.toISOString() ?? '-', String(job.failures24h), job.lastRun?.errorMessage ?? '']);
      writeLine(io.out, formatTable(['job', 'schedule', 'last run', 'next run', 'failures 24h', 'last error'], rows));
    }
    writeLine(io.out, '');
    writeLine(io.out, tasks.length === 0 ? 'No async tasks.' : formatTable(['task type', 'status', 'count', 'waiting for an operator'], tasks.map(taskRow)));
  },
};

function lastRun(job: JobOverview): string {
  return job.lastRun ? `${job.lastRun.status} ${job.lastRun.createdAt.toISOString()}` : 'never ran';
}

function taskRow(count: TaskCount): string[] {
  return [count.type, count.status, String(count.count), count.status === 'dead' ? String(count.waitingForOperator) : ''];
}
