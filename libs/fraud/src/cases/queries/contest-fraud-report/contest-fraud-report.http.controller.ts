import { Controller, Get, Inject, Param, ParseUUIDPipe, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, Clock, CLOCK, Roles, TenantId } from '@tally/platform';
import { ContestFraudReport, ContestFraudReportQuery } from './contest-fraud-report.query';
import { ContestFraudReportResponse } from './contest-fraud-report.response.dto';

export class ReportPageRequest {
  @ApiPropertyOptional({ maxLength: 200, description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/reports')
export class ContestFraudReportHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('event/:eventId')
  @Roles('organizer', 'auditor')
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: "An event's fraud report for auditors: every decision with its factors, and the pattern findings" })
  @ApiOkResponse({ type: ContestFraudReportResponse })
  @ApiProblem(404, "No such event in this tenant (another tenant's events are not found).")
  @ApiProblem(422, 'A bad cursor or limit.')
  @ApiProblems(400)
  report(@Param('eventId', ParseUUIDPipe) eventId: string, @QueryParam() page: ReportPageRequest, @TenantId() tenantId: string): Promise<ContestFraudReport> {
    return this.queries.execute(new ContestFraudReportQuery(tenantId, eventId, page.cursor, page.limit ?? 500, this.clock.now()));
  }
}
