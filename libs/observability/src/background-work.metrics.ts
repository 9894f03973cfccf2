import { Injectable } from '@nestjs/common';
import { DeadLetterService, LogQueueView } from '@tally/eventstore';
import { JobStatusService, TaskStatusService } from '@tally/jobs';
import { VOTE_QUEUE } from '@tally/voting';
import { Gauge } from 'prom-client';
import { TallyMetrics } from './metrics.registry';

/** What background work needs a person for, read at scrape time (worker/job failure alerts, queue depths). */
// aggregator 'max': read from the shared database, every cluster worker reads the same value (not a sum).
@Injectable()
export class BackgroundWorkMetrics {
  constructor(metrics: TallyMetrics, deadLetters: DeadLetterService, jobs: JobStatusService, tasks: TaskStatusService, logQueue: LogQueueView) {
    const waiting = new Gauge({
      name: 'tally_dead_letters_waiting',
      help: 'Parked events with no background retry left: each waits for an operator (projections:replay-dead-letter)',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        waiting.reset();
        for (const [projection, count] of (await deadLetters.counts()).exhausted) waiting.set({ projection }, count);
      },
    });
    const failures = new Gauge({
      name: 'tally_job_failures_24h',
      help: 'Runs of a scheduled job that failed or were abandoned in the last 24 hours',
      labelNames: ['job'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        for (const job of await jobs.list()) failures.set({ job: job.name }, job.failures24h);
      },
    });
    const asyncTasks = new Gauge({
      name: 'tally_async_tasks',
      help: 'Async tasks per type and status (pending, running, retrying, succeeded, dead)',
      labelNames: ['type', 'status'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        asyncTasks.reset();
        for (const count of await tasks.counts()) asyncTasks.set({ type: count.type, status: count.status }, count.count);
      },
    });
    const deadTasksWaiting = new Gauge({
      name: 'tally_async_tasks_waiting_for_operator',
      help: 'Dead async tasks with no retry by the dead-letter sweep left, per type',
      labelNames: ['type'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        deadTasksWaiting.reset();
        for (const count of await tasks.counts()) if (count.status === 'dead') deadTasksWaiting.set({ type: count.type }, count.waitingForOperator);
      },
    });
    const voteQueue = new Gauge({
      name: 'tally_vote_queue_depth',
      help: 'Votes on their way into the read models: pending (not in every one yet, counted up to PROJECTIONS_LAG_COUNT_CAP), retrying, dead (parked, waiting for an operator)',
      labelNames: ['status'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        const depth = await logQueue.depth(VOTE_QUEUE);
        for (const status of ['pending', 'retrying', 'dead'] as const) voteQueue.set({ status }, depth[status]);
      },
    });
  }
}
