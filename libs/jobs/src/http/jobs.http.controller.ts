import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantAuth, Roles } from '@tally/platform';
import { JobStatusService } from '../job-status.service';
import { JobOverviewDto, JobsListResponse } from './jobs-list.response.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/jobs')
export class JobsHttpController {
  constructor(private readonly status: JobStatusService) {}

  @Get()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Scheduled jobs: last run, next run, failures (platform admin)' })
  @ApiOkResponse({ type: JobsListResponse })
  async list(): Promise<JobsListResponse> {
    const jobs = await this.status.list();
    // Run results stay out: they can be large, and jobs:list --json shows them to operators.
    const items: JobOverviewDto[] = jobs.map((job) => ({
      name: job.name,
      schedule: job.schedule,
      lastRun: job.lastRun && {
        jobId: job.lastRun.jobId,
        status: job.lastRun.status,
        createdAt: job.lastRun.createdAt.toISOString(),
        completedAt: job.lastRun.completedAt?.toISOString() ?? null,
        errorMessage: job.lastRun.errorMessage,
      },
      lastSuccessAt: job.lastSuccessAt?.toISOString() ?? null,
      nextRunAt: job.nextRunAt?.toISOString() ?? null,
      failures24h: job.failures24h,
    }));
    return { items };
  }
}
