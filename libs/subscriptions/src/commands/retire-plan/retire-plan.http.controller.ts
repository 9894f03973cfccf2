import { Controller, Delete, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { RetirePlanCommand, RetirePlanResult } from './retire-plan.command';
import { RetirePlanResponse } from './retire-plan.response.dto';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions/plans')
export class RetirePlanHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':planId')
  @Roles('organizer')
  @ApiOperation({ summary: 'Retire a pricing plan (no new subscribers; running subscriptions keep it)' })
  @ApiOkResponse({ type: RetirePlanResponse, example: { planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61', retired: true } })
  @ApiProblem(404, 'No such plan.')
  @ApiProblems(400)
  retire(@Param('planId', ParseUUIDPipe) planId: string, @RequestMetadata() metadata: CommandMetadata): Promise<RetirePlanResult> {
    return this.commands.execute(new RetirePlanCommand(planId, metadata));
  }
}
