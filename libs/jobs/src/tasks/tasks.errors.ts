import { DomainError, ProblemCatalog } from '@tally/platform';

/** Refusals of the operator's actions on async tasks, with their problem+json mapping. */
export const TASKS_PROBLEMS = {
  'TASKS.TASK_NOT_FOUND': { status: 404, slug: 'task-not-found', title: 'No such async task' },
  'TASKS.TASK_NOT_DEAD': { status: 409, slug: 'task-not-dead', title: 'Only a dead task is retried by hand; the queue runs the others' },
} as const;

export type TasksErrorCode = keyof typeof TASKS_PROBLEMS;

ProblemCatalog.register<TasksErrorCode>(TASKS_PROBLEMS);

export class TasksError extends DomainError<TasksErrorCode> {
  constructor(code: TasksErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
