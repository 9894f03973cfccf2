import { Controller, Get, Inject, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, Clock, CLOCK, Roles, TenantId } from '@tally/platform';
import { FraudError } from '../../../fraud.errors';
import { FraudAnalytics, FraudAnalyticsQuery } from './fraud-analytics.query';
import { FraudAnalyticsRequest } from './fraud-analytics.request.dto';
import { FraudAnalyticsResponse } from './fraud-analytics.response.dto';

const WEEK_MS = 7 * 86_400_000;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 };
const MAX_BUCKETS = 1000;

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/analytics')
export class FraudAnalyticsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: 'Fraud metrics: hold and reject rates, top signals, trends over time buckets' })
  @ApiOkResponse({ type: FraudAnalyticsResponse })
  @ApiProblem(422, 'A bad parameter, `from` not before `to`, or a window of more than 1,000 buckets.')
  @ApiProblems(400)
  analytics(@QueryParam() query: FraudAnalyticsRequest, @TenantId() tenantId: string): Promise<FraudAnalytics> {
    const bucket = query.bucket ?? 'day';
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - WEEK_MS);
    if (from.getTime() >= to.getTime()) throw invalid('from', 'from must be before to');
    if ((to.getTime() - from.getTime()) / BUCKET_MS[bucket] > MAX_BUCKETS) throw invalid('bucket', `the window holds more than ${MAX_BUCKETS} ${bucket} buckets`);
    return this.queries.execute(new FraudAnalyticsQuery(tenantId, { eventId: query.eventId, from: from.toISOString(), to: to.toISOString(), bucket }));
  }
}

function invalid(field: string, message: string): FraudError {
  return new FraudError('FRAUD.INVALID_INPUT', message, { errors: [{ field, message }] });
}
