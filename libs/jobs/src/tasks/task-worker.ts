import { Logger } from '@nestjs/common';
import { TaskExecutor } from './task-executor';
import { TaskQueue } from './task-queue';
import { TasksConfig } from './tasks.config';

/**
 * The worker role's loop over async_tasks: claim what is due, run it, again at once while
 * there is more, else sleep until the next poll or an enqueue in this process. Any number of
 * processes may run it (claims skip each other's locked rows).
 */
export class TaskWorker {
  private readonly logger = new Logger('Tasks');
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** Set by an enqueue while a round runs, so the loop does not sleep past it. */
  private woken = false;
  private endSleep: () => void = () => {};
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly executor: TaskExecutor,
    private readonly queue: TaskQueue,
    private readonly config: Pick<TasksConfig, 'pollMs' | 'concurrency'>,
  ) {}

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.unsubscribe = this.queue.onEnqueued(() => this.wake());
    this.loop = this.run();
  }

  /** Lets the tasks in hand finish (their outcome recorded), then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.wake();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.executor.runDue(this.config.concurrency);
      } catch (error) {
        // The database could not be reached: the tasks stay where they are; try again after a poll.
        this.logger.error({ err: error }, 'claiming tasks failed');
      }
      if (claimed < this.config.concurrency && !this.woken) await this.sleep(this.config.pollMs);
      this.woken = false;
    }
  }

  private wake(): void {
    this.woken = true;
    this.endSleep();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.endSleep = done;
    });
  }
}
