import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestMetadata, Roles } from '@tally/platform';
import { BulkDecideCasesCommand, BulkDecideCasesResult } from './bulk-decide-cases.command';
import { BulkDecideCasesRequest } from './bulk-decide-cases.request.dto';
import { BulkDecideCasesResponse } from './bulk-decide-cases.response.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/admin/fraud')
export class BulkDecideCasesHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('bulk-action')
  @HttpCode(200)
  @Roles('organizer')
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: "Approve or reject many of the tenant's fraud cases at once, with a result per case" })
  @ApiBody({ type: BulkDecideCasesRequest, examples: { reject: { summary: 'Reject two held votes', value: { action: 'reject', caseIds: ['0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b', '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7c'], reason: 'One SIM farm' } } } })
  @ApiOkResponse({ type: BulkDecideCasesResponse, description: 'Every case decided or refused on its own; a refused case carries the problem a single action would answer.' })
  @ApiProblem(422, 'A field failed validation (1 to 100 distinct case ids).')
  @ApiProblems(400)
  bulk(@Body() body: BulkDecideCasesRequest, @RequestMetadata() metadata: CommandMetadata): Promise<BulkDecideCasesResult> {
    return this.commands.execute(new BulkDecideCasesCommand({ caseIds: body.caseIds, action: body.action, reason: body.reason ?? `${body.action}d in bulk` }, metadata));
  }
}
