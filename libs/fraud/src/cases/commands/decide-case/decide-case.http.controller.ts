import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestMetadata, Roles } from '@tally/platform';
import { DecideCaseCommand, DecideCaseResult } from './decide-case.command';
import { DecideCaseRequest } from './decide-case.request.dto';
import { DecideCaseResponse } from './decide-case.response.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/cases')
export class DecideCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/action')
  @HttpCode(200)
  @Roles('organizer')
  // A case reaches the queue a moment after its vote: sent with the vote's Tally-Position, the action waits for it.
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: 'Approve (the vote counts) or reject (credits back, never counts) a held vote' })
  @ApiBody({ type: DecideCaseRequest, examples: { reject: { summary: 'Reject a held vote', value: { action: 'reject', reason: 'Same device as 40 other accounts' } } } })
  @ApiOkResponse({ type: DecideCaseResponse })
  @ApiProblem(404, "No such case in this tenant (another tenant's cases are not found).")
  @ApiProblem(409, 'The case is already decided, or its event is finalized (an approval would change a final tally).')
  @ApiProblem(422, 'A field failed validation.')
  @ApiProblems(400)
  decide(@Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: DecideCaseRequest, @RequestMetadata() metadata: CommandMetadata): Promise<DecideCaseResult> {
    return this.commands.execute(new DecideCaseCommand({ caseId, action: body.action, reason: body.reason ?? `${body.action}d by review` }, metadata));
  }
}
