import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { CaseIdPath } from '../../http/case-id.param';
import { ResolveDisputeCommand, ResolveDisputeResult } from './resolve-dispute.command';
import { ResolveDisputeRequest } from './resolve-dispute.request.dto';
import { ResolveDisputeResponse } from './resolve-dispute.response.dto';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class ResolveDisputeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/resolve')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: "Resolve a dispute (upheld or rejected); an upheld case's credit effect runs once, on the voter's ledger" })
  @ApiBody({ type: ResolveDisputeRequest, examples: { refund: { summary: 'Give 5 credits back', value: { resolution: 'upheld', effect: { type: 'refund_credits', credits: 5 } } } } })
  @ApiOkResponse({ type: ResolveDisputeResponse })
  @ApiProblem(404, "No such case in this tenant (another tenant's are not found).")
  @ApiProblem(409, 'The case is already resolved or withdrawn (of parallel resolutions exactly one succeeds).')
  @ApiProblem(422, 'A field failed validation: an effect on a rejected case, void_vote on a payment case, credits out of range.')
  @ApiProblems(400)
  resolve(@CaseIdPath() caseId: string, @Body() body: ResolveDisputeRequest, @RequestMetadata() metadata: CommandMetadata): Promise<ResolveDisputeResult> {
    return this.commands.execute(new ResolveDisputeCommand({ caseId, resolution: body.resolution, effect: { type: body.effect.type, credits: body.effect.credits } }, metadata));
  }
}
