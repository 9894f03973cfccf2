import { ApiProperty } from '@nestjs/swagger';

export class JobRunDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed', 'abandoned'], description: 'abandoned: its leader died mid-run.' }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the run failed.' }) errorMessage!: string | null;
}

export class JobOverviewDto {
  @ApiProperty({ example: 'payments.webhook-retry' }) name!: string;
  @ApiProperty({ example: 'every 900000 ms' }) schedule!: string;
  @ApiProperty({ type: JobRunDto, nullable: true }) lastRun!: JobRunDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSuccessAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Due time of the next run (an estimate for intervals).' }) nextRunAt!: string | null;
  @ApiProperty({ description: 'Runs that failed or were abandoned in the last 24 hours.', example: 0 }) failures24h!: number;
}

export class JobsListResponse {
  @ApiProperty({ type: [JobOverviewDto] }) items!: JobOverviewDto[];
}
