import { Injectable } from '@nestjs/common';
import { DeadLetterService } from '@tally/eventstore';
import { JobStatusService } from '@tally/jobs';
import { Gauge } from 'prom-client';
import { TallyMetrics } from './metrics.registry';

/** What background work needs a person for, read at scrape time (worker/job failure alerts). */
@Injectable()
export class BackgroundWorkMetrics {
  constructor(metrics: TallyMetrics, deadLetters: DeadLetterService, jobs: JobStatusService) {
    const waiting = new Gauge({
      name: 'tally_dead_letters_waiting',
      help: 'Parked events with no background retry left: each waits for an operator (projections:replay-dead-letter)',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
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
      collect: async () => {
        for (const job of await jobs.list()) failures.set({ job: job.name }, job.failures24h);
      },
    });
  }
}
