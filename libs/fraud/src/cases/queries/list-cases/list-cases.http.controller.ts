import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { FraudCasePageResponse } from './case.response.dto';
import { CasePage, ListCasesQuery } from './list-cases.query';
import { ListCasesRequest } from './list-cases.request.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/cases')
export class ListCasesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: 'The fraud case queue: held votes, newest first, filtered by event, status, signal and date' })
  @ApiOkResponse({ type: FraudCasePageResponse })
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  @ApiProblems(400)
  list(@QueryParam() query: ListCasesRequest, @TenantId() tenantId: string): Promise<CasePage> {
    const { cursor, limit, ...filters } = query;
    return this.queries.execute(new ListCasesQuery(tenantId, filters, cursor, limit ?? 50));
  }
}
