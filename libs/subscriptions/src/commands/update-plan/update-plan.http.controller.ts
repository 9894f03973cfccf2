import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { PlanResult } from '../create-plan/create-plan.command';
import { PLAN_EXAMPLE } from '../create-plan/create-plan.http.controller';
import { PlanTermsRequest } from '../create-plan/plan-terms.request.dto';
import { PlanResultResponse } from '../create-plan/plan.response.dto';
import { UpdatePlanCommand } from './update-plan.command';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions/plans')
export class UpdatePlanHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':planId')
  @Roles('organizer')
  @ApiOperation({ summary: 'Change a pricing plan (new subscriptions and plan changes get the new terms)' })
  @ApiBody({ type: PlanTermsRequest, examples: { pro: { summary: 'Twenty votes a day', value: { ...PLAN_EXAMPLE, dailyQuota: 20 } } } })
  @ApiOkResponse({ type: PlanResultResponse, example: { planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61', version: 2 } })
  @ApiProblem(404, 'No such plan.')
  @ApiProblem(409, 'The plan is retired.')
  @ApiProblems(400, 422)
  update(@Param('planId', ParseUUIDPipe) planId: string, @Body() body: PlanTermsRequest, @RequestMetadata() metadata: CommandMetadata): Promise<PlanResult> {
    return this.commands.execute(new UpdatePlanCommand(planId, body, metadata));
  }
}
