import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, requestMetadataOf } from '@tally/platform';
import { CaseIdPath } from '../../http/case-id.param';
import { actorOf, isStaff } from '../../http/dispute-access';
import { DisputeTransitionResponse } from '../../http/dispute-transition.response.dto';
import { DisputeTransitionResult } from '../investigate-dispute/investigate-dispute.command';
import { WithdrawDisputeCommand } from './withdraw-dispute.command';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class WithdrawDisputeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a dispute: the voter who opened it, or staff' })
  @ApiOkResponse({ type: DisputeTransitionResponse })
  @ApiProblem(403, 'The case was not opened by the voter (a provider or staff case).')
  @ApiProblem(404, "No such case of yours in this tenant (another voter's or tenant's are not found).")
  @ApiProblem(409, 'The case is already resolved or withdrawn.')
  @ApiProblems(400)
  withdraw(@CaseIdPath() caseId: string, @RequestCtx() ctx: RequestContext): Promise<DisputeTransitionResult> {
    const actor = actorOf(ctx);
    return this.commands.execute(new WithdrawDisputeCommand({ caseId, byStaff: isStaff(actor), actorId: actor.userId }, requestMetadataOf(ctx)));
  }
}
