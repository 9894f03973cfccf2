import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, tenantIdOf } from '@tally/platform';
import { actorOf, readsAllCases } from '../../http/dispute-access';
import { DisputeCasePageResponse } from '../../http/dispute-case.response.dto';
import { DisputeCasesReader, DisputeCaseView } from '../dispute-cases.reader';
import { ListDisputesRequest } from './list-disputes.request.dto';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class ListDisputesHttpController {
  constructor(private readonly reader: DisputeCasesReader) {}

  @Get()
  @ReadsProjections('disputes.cases')
  @ApiOperation({ summary: "Dispute cases, newest first: a voter's own, or (organizers, auditors) the tenant's, filtered by status, kind, voter, payment or vote" })
  @ApiOkResponse({ type: DisputeCasePageResponse })
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  @ApiProblems(400)
  list(@Query() query: ListDisputesRequest, @RequestCtx() ctx: RequestContext): Promise<{ items: DisputeCaseView[]; nextCursor: string | null }> {
    const actor = actorOf(ctx);
    const { limit, userId, ...filters } = query;
    return this.reader.list(tenantIdOf(ctx), { ...filters, userId: readsAllCases(actor) ? userId : actor.userId, limit: limit ?? 50 });
  }
}
