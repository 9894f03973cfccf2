import { ApiProperty } from '@nestjs/swagger';
import { TASK_STATUSES } from '../async-task';

export class TaskCountDto {
  @ApiProperty({ example: 'payments.refund-on-fraud-warning' }) type!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ example: 3 }) count!: number;
  @ApiProperty({ description: 'Dead tasks with no retry by the dead-letter sweep left: each waits for an operator.', example: 0 }) waitingForOperator!: number;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ example: 'payments.refund-on-fraud-warning' }) type!: string;
  @ApiProperty({
    enum: TASK_STATUSES,
    description: 'pending: waits for its first run; running: claimed by a worker; retrying: failed, waits for its next try; dead: out of tries (retried by the dead-letter sweep while it has retries left).',
  })
  status!: string;
  @ApiProperty({ description: 'Runs so far (each claim by a worker or the sweep).', example: 1 }) attempts!: number;
  @ApiProperty({ description: 'Retries of the dead task by the dead-letter sweep so far.', example: 0 }) revivals!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it may run next; null when finished or waiting for an operator.' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
}

export class TasksListResponse {
  @ApiProperty({ type: [TaskCountDto], description: 'Every task type and status with its count.' }) counts!: TaskCountDto[];
  @ApiProperty({ type: [TaskDto], description: 'Newest first. Payloads stay out: they may carry personal data.' }) items!: TaskDto[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Pass as `cursor` for the next page; null on the last one.' }) nextCursor!: string | null;
}
