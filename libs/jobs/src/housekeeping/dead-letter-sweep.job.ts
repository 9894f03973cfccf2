import { DeadLetterService } from '@tally/eventstore';
import { RegisteredJob } from '../registered-job.decorator';
import { ScheduledJob } from '../scheduled-job';
import { TaskExecutor } from '../tasks/task-executor';
import { TaskStatusService } from '../tasks/task-status.service';

/**
 * The SPEC's dead-letter processing (every 5 minutes): retries the parked events of every
 * projection and reactor whose retry is due (exponential backoff per event, up to
 * PROJECTIONS_PARKED_MAX_RETRIES, after which an event waits for an operator) and the dead
 * async tasks whose retry is due (the same curve from TASKS_DEAD_RETRY_BASE_MS, up to
 * TASKS_DEAD_MAX_RETRIES), and records how many of each wait for an operator — the
 * alert-worthy counts, also the tally_dead_letters_waiting and tally_async_tasks gauges.
 */
@RegisteredJob()
export class DeadLetterSweepJob implements ScheduledJob {
  readonly name = 'platform.dead-letter-sweep';
  readonly schedule = { cron: '*/5 * * * *' };

  constructor(
    private readonly deadLetters: DeadLetterService,
    private readonly tasks: TaskExecutor,
    private readonly taskStatus: TaskStatusService,
  ) {}

  async run(): Promise<{
    applied: number;
    parked: Record<string, number>;
    waitingForOperator: Record<string, number>;
    tasks: { succeeded: number; failed: number; dead: Record<string, number>; waitingForOperator: Record<string, number> };
  }> {
    const applied = await this.deadLetters.retryDue();
    const { parked, exhausted } = await this.deadLetters.counts();
    const retried = await this.tasks.retryDead();
    const dead = (await this.taskStatus.counts()).filter((count) => count.status === 'dead');
    return {
      applied,
      parked: Object.fromEntries(parked),
      waitingForOperator: Object.fromEntries(exhausted),
      tasks: {
        ...retried,
        dead: Object.fromEntries(dead.map((count) => [count.type, count.count])),
        waitingForOperator: Object.fromEntries(dead.filter((count) => count.waitingForOperator > 0).map((count) => [count.type, count.waitingForOperator])),
      },
    };
  }
}
