import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { AsyncTask, TaskStatus } from './async-task';
import { asyncTasks, TaskCount } from './async-tasks';

export interface TaskPage {
  items: AsyncTask[];
  /** The last task id of this page when there may be more (pass it as `cursor`). */
  nextCursor: string | null;
}

/** What the queue holds, for operators (GET /api/admin/tasks, jobs:list) and the gauges. */
@Injectable()
export class TaskStatusService {
  constructor(private readonly orm: MikroORM) {}

  counts(): Promise<TaskCount[]> {
    return asyncTasks.counts(this.orm.em.fork());
  }

  /** Newest first, by status and type, `limit` at a time. */
  async list(filter: { status?: TaskStatus; type?: string; cursor?: string; limit: number }): Promise<TaskPage> {
    const rows = await asyncTasks.list(this.orm.em.fork(), { status: filter.status, type: filter.type, before: filter.cursor, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.taskId ?? null) : null };
  }

  get(taskId: string): Promise<AsyncTask | null> {
    return asyncTasks.get(this.orm.em.fork(), taskId);
  }
}
