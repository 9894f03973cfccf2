import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PLAN_TYPES, PlanType } from '../../domain/tenant.events';

export class ChangeTenantPlanRequest {
  @ApiProperty({ enum: PLAN_TYPES, example: 'pro' })
  @IsIn(PLAN_TYPES)
  planType!: PlanType;
}

export class TenantPlanResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: PLAN_TYPES }) planType!: string;
}
