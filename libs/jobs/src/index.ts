export * from './scheduled-job';
export * from './registered-job.decorator';
export * from './job-registry';
export { JobScheduler, type TickOutcome } from './job-scheduler';
export * from './job-status.service';
export type { JobHistory, JobRun, JobRunStatus } from './job-runs';
export * from './jobs.module';
export * from './jobs.schema';
export { DeadLetterSweepJob } from './housekeeping/dead-letter-sweep.job';
