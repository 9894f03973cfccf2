import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, tenantIdOf } from '@tally/platform';
import { DisputesError } from '../../disputes.errors';
import { CaseIdPath } from '../../http/case-id.param';
import { actorOf, readsAllCases } from '../../http/dispute-access';
import { DisputeCaseResponse } from '../../http/dispute-case.response.dto';
import { DisputeCasesReader, DisputeCaseView } from '../dispute-cases.reader';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class GetDisputeHttpController {
  constructor(private readonly reader: DisputeCasesReader) {}

  @Get(':caseId')
  @ReadsProjections('disputes.cases')
  @ApiOperation({ summary: 'One dispute case: its voter, organizers and auditors' })
  @ApiOkResponse({ type: DisputeCaseResponse })
  @ApiProblem(404, "No such case (another voter's or another tenant's are not found).")
  @ApiProblems(400)
  async get(@CaseIdPath() caseId: string, @RequestCtx() ctx: RequestContext): Promise<DisputeCaseView> {
    const actor = actorOf(ctx);
    const found = await this.reader.get(tenantIdOf(ctx), caseId);
    if (!found || (!readsAllCases(actor) && found.userId !== actor.userId)) throw new DisputesError('DISPUTES.CASE_NOT_FOUND', 'No such dispute case');
    return found;
  }
}
