import { DeadLetterService } from '@tally/eventstore';
import { RegisteredJob } from '../registered-job.decorator';
import { ScheduledJob } from '../scheduled-job';

/**
 * The SPEC's dead-letter processing (every 5 minutes): retries the parked events of every
 * projection and reactor whose retry is due (exponential backoff per event, up to
 * PROJECTIONS_PARKED_MAX_RETRIES, after which an event waits for an operator), and records how
 * many are parked and how many wait for an operator — the alert-worthy count, also the
 * tally_dead_letters_waiting gauge.
 */
@RegisteredJob()
export class DeadLetterSweepJob implements ScheduledJob {
  readonly name = 'platform.dead-letter-sweep';
  readonly schedule = { cron: '*/5 * * * *' };

  constructor(private readonly deadLetters: DeadLetterService) {}

  async run(): Promise<{ applied: number; parked: Record<string, number>; waitingForOperator: Record<string, number> }> {
    const applied = await this.deadLetters.retryDue();
    const { parked, exhausted } = await this.deadLetters.counts();
    return { applied, parked: Object.fromEntries(parked), waitingForOperator: Object.fromEntries(exhausted) };
  }
}
