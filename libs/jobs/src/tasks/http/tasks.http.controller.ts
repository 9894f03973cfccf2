import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Roles } from '@tally/platform';
import { AsyncTask } from '../async-task';
import { TaskExecutor } from '../task-executor';
import { TaskStatusService } from '../task-status.service';
import { TasksListRequest } from './tasks-list.request.dto';
import { TaskDto, TasksListResponse } from './tasks-list.response.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/tasks')
export class TasksHttpController {
  constructor(
    private readonly status: TaskStatusService,
    private readonly executor: TaskExecutor,
  ) {}

  @Get()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Async tasks: counts per type and status, and the tasks themselves, newest first (platform admin)' })
  @ApiOkResponse({ type: TasksListResponse })
  @ApiProblem(422, 'A bad status, type, cursor or limit.')
  async list(@Query() query: TasksListRequest): Promise<TasksListResponse> {
    const [counts, page] = await Promise.all([this.status.counts(), this.status.list({ status: query.status, type: query.type, cursor: query.cursor, limit: query.limit ?? 50 })]);
    return { counts, items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  @Post(':taskId/retry')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Run a dead async task once more, now (platform admin); answers the task as that run left it' })
  @ApiOkResponse({ type: TaskDto, description: 'succeeded, or dead again with the new error.' })
  @ApiProblem(404, 'No such task.')
  @ApiProblem(409, 'The task is not dead (the queue runs it, or it is done).')
  @ApiProblems(400)
  async retry(@Param('taskId', ParseUUIDPipe) taskId: string): Promise<TaskDto> {
    return toDto(await this.executor.retryDeadNow(taskId));
  }
}

function toDto(task: AsyncTask): TaskDto {
  return {
    taskId: task.taskId,
    type: task.taskType,
    status: task.status,
    attempts: task.attempts,
    revivals: task.revivals,
    nextAttemptAt: task.nextAttemptAt?.toISOString() ?? null,
    lastError: task.lastError,
    createdAt: task.createdAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
  };
}
