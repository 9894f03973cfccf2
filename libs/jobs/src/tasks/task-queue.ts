import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { uuidv7 } from '@tally/platform';
import { TaskToEnqueue } from './async-task';
import { asyncTasks } from './async-tasks';
import { TaskRegistry } from './task-registry';

/**
 * Enqueues one-off work. Pass the EntityManager of an open transaction to enqueue atomically
 * with the rest of it (a projection's rows, a read model's update); a reactor enqueues from the
 * event that is the command's outcome, with the event in the dedupe key, so the task exists
 * once if and only if the event was appended (docs/architecture.md, "Background work").
 */
@Injectable()
export class TaskQueue {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: TaskRegistry,
  ) {}

  async enqueue<Payload>(task: TaskToEnqueue<Payload>, em: EntityManager = this.orm.em.fork()): Promise<{ taskId: string; created: boolean }> {
    // A type nobody handles would sit pending for ever: refuse it where the mistake is made.
    if (!this.registry.find(task.type)) throw new Error(`No @RegisteredTask handles task type "${task.type}"`);
    const enqueued = await asyncTasks.insert(em, { taskId: uuidv7(), type: task.type, payload: task.payload, dedupeKey: task.dedupeKey ?? null });
    // Inside a transaction the row is not visible yet; the worker's poll finds it after the commit.
    if (enqueued.created && !em.isInTransaction()) for (const listener of this.listeners) listener();
    return enqueued;
  }

  /** The worker of this process listens, so a task enqueued here starts without waiting for a poll. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
