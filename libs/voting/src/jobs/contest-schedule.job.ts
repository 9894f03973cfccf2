import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { VOTING_CONFIG, VotingConfig } from '../voting.config';
import { ContestScheduler } from './contest-scheduler';

/** Opens and closes events on their dates (CONTEST_SCHEDULE_INTERVAL_MS). */
@RegisteredJob()
export class ContestScheduleJob implements ScheduledJob {
  readonly name = 'voting.contest-schedule';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly scheduler: ContestScheduler,
    @Inject(VOTING_CONFIG) config: VotingConfig,
  ) {
    this.schedule = { everyMs: config.scheduleIntervalMs };
  }

  async run(): Promise<{ changed: number }> {
    return { changed: await this.scheduler.runDue() };
  }
}
