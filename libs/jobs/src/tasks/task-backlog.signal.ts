import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { BackpressureGate, LoadSignal, Overload } from '@tally/eventstore';
import { asyncTasks } from './async-tasks';
import { TASKS_CONFIG, TasksConfig } from './tasks.config';

/**
 * Backpressure on the task backlog: past BACKPRESSURE_MAX_PENDING_TASKS tasks waiting to run,
 * the paths marked @ShedsLoad() answer 503 + Retry-After like the projection-lag rule, instead
 * of letting work that follows from them (refunds, messages) pile up without bound. Judged in
 * the gate's background measurement, so a vote never waits for this count.
 */
@Injectable()
export class TaskBacklogSignal implements LoadSignal, OnModuleInit {
  constructor(
    private readonly orm: MikroORM,
    private readonly gate: BackpressureGate,
    @Inject(TASKS_CONFIG) private readonly config: TasksConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.backpressureMaxPending > 0) this.gate.addSignal(this);
  }

  async judge(): Promise<Overload> {
    const depth = this.config.backpressureMaxPending;
    const waiting = await asyncTasks.countWaiting(this.orm.em.fork(), depth);
    return waiting > depth ? `more than ${depth} async tasks are waiting to run` : null;
  }
}
