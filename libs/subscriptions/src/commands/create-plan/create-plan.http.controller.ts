import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { CreatePlanCommand, PlanResult } from './create-plan.command';
import { PlanTermsRequest } from './plan-terms.request.dto';
import { PlanResultResponse } from './plan.response.dto';

export const PLAN_EXAMPLE = { name: 'Pro', dailyQuota: 10, monthlyCost: { amount: 999, currency: 'USD' }, overage: 'allow', features: ['10 votes a day'] };

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions/plans')
export class CreatePlanHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Create a pricing plan' })
  @ApiBody({ type: PlanTermsRequest, examples: { pro: { summary: 'Ten votes a day', value: PLAN_EXAMPLE } } })
  @ApiCreatedResponse({ type: PlanResultResponse, example: { planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61', version: 1 } })
  @ApiProblems(400, 422)
  create(@Body() body: PlanTermsRequest, @RequestMetadata() metadata: CommandMetadata): Promise<PlanResult> {
    return this.commands.execute(new CreatePlanCommand(body, metadata));
  }
}
