import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ErrorTracker, TallyMetrics } from '@tally/platform';
import { AsyncTask } from './async-task';
import { asyncTasks } from './async-tasks';
import { TaskRegistry } from './task-registry';
import { TasksError } from './tasks.errors';
import { nextAfterFailure } from './task-retry';
import { TASKS_CONFIG, TasksConfig } from './tasks.config';

/** Most dead tasks one sweep retries; the rest wait for the next sweep. */
const SWEEP_LIMIT = 100;

/**
 * Claims and runs tasks: the due ones for the worker's loop (TaskWorker), the dead ones whose
 * retry is due for the dead-letter sweep. Each task runs outside any transaction (a provider
 * call cannot be rolled back, and PGlite runs one transaction at a time); its outcome is then
 * recorded under the claim's fence.
 */
@Injectable()
export class TaskExecutor {
  private readonly logger = new Logger('Tasks');

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: TaskRegistry,
    @Inject(TASKS_CONFIG) private readonly config: TasksConfig,
    // Absent where nothing serves metrics (the CLI).
    @Optional() private readonly metrics?: TallyMetrics,
    @Optional() private readonly errors?: ErrorTracker,
  ) {}

  /** Claims up to `limit` due tasks and runs them side by side; returns how many it claimed. */
  async runDue(limit = this.config.concurrency): Promise<number> {
    const claimed = await asyncTasks.claimDue(this.orm.em.fork(), this.registry.types(), limit, this.config.leaseMs);
    await Promise.all(claimed.map((task) => this.execute(task)));
    return claimed.length;
  }

  /** The sweep's turn: each dead task whose retry is due runs once more, one after the other. */
  async retryDead(): Promise<{ succeeded: number; failed: number }> {
    const claimed = await asyncTasks.claimDeadDue(this.orm.em.fork(), this.registry.types(), SWEEP_LIMIT, this.config.leaseMs);
    const outcome = { succeeded: 0, failed: 0 };
    for (const task of claimed) outcome[await this.execute(task)] += 1;
    return outcome;
  }

  /** An operator's retry of a dead task, now, in this process; resolves to the task as the run left it. */
  async retryDeadNow(taskId: string): Promise<AsyncTask> {
    const claimed = await asyncTasks.claimDead(this.orm.em.fork(), taskId, this.config.leaseMs);
    if (!claimed) {
      const task = await asyncTasks.get(this.orm.em.fork(), taskId);
      if (!task) throw new TasksError('TASKS.TASK_NOT_FOUND', `No async task ${taskId}`);
      throw new TasksError('TASKS.TASK_NOT_DEAD', `Task ${taskId} is ${task.status}, not dead`, { status: task.status });
    }
    await this.execute(claimed);
    return (await asyncTasks.get(this.orm.em.fork(), taskId)) ?? claimed;
  }

  private async execute(task: AsyncTask): Promise<'succeeded' | 'failed'> {
    const started = process.hrtime.bigint();
    const outcome = await this.executeOnce(task);
    this.metrics?.jobDuration.observe({ kind: 'task', name: task.taskType, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    return outcome;
  }

  private async executeOnce(task: AsyncTask): Promise<'succeeded' | 'failed'> {
    const handler = this.registry.find(task.taskType);
    try {
      if (!handler) throw new Error(`No handler for task type "${task.taskType}" in this process`);
      const result = await handler.handle(task.payload, task);
      if (!(await asyncTasks.succeed(this.orm.em.fork(), task))) this.logger.warn(`${task.taskType} ${task.taskId}: done, but its lease had run out and another worker holds it`);
      else this.logger.log({ taskId: task.taskId, attempt: task.attempts, result }, `${task.taskType} done`);
      return 'succeeded';
    } catch (error) {
      const failure = nextAfterFailure(task, { ...this.config.retry, ...handler?.retry }, { maxRevivals: this.config.deadMaxRevivals, baseDelayMs: this.config.deadRetryBaseMs, maxDelayMs: this.config.deadRetryMaxMs });
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await asyncTasks.fail(this.orm.em.fork(), task, message, failure);
      const next = failure.retryInMs === null ? 'dead, waiting for an operator' : `${failure.status}, next try in ${failure.retryInMs} ms`;
      this.logger.warn({ taskId: task.taskId, attempt: task.attempts, reason: message }, `${task.taskType} failed: ${next}`);
      this.errors?.record('job', task.taskType, { service: task.taskType, taskId: task.taskId, attempt: task.attempts, next: failure.status });
      return 'failed';
    }
  }
}
