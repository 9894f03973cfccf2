import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { CaseIdPath } from '../../http/case-id.param';
import { DisputeTransitionResponse } from '../../http/dispute-transition.response.dto';
import { DisputeTransitionResult, InvestigateDisputeCommand } from './investigate-dispute.command';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class InvestigateDisputeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/investigate')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Take a dispute up for investigation (open → investigating)' })
  @ApiOkResponse({ type: DisputeTransitionResponse })
  @ApiProblem(404, "No such case in this tenant (another tenant's are not found).")
  @ApiProblem(409, 'The case is already under investigation, resolved or withdrawn.')
  @ApiProblems(400)
  investigate(@CaseIdPath() caseId: string, @RequestMetadata() metadata: CommandMetadata): Promise<DisputeTransitionResult> {
    return this.commands.execute(new InvestigateDisputeCommand(caseId, metadata));
  }
}
