import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { PlanPriceDto } from '../../commands/create-plan/plan-terms.request.dto';
import { OVERAGE_POLICIES, OveragePolicy } from '../../domain/plan.events';
import type { PlanView } from './plan.view';

export const PLAN_VIEW_EXAMPLE: PlanView = {
  planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61',
  name: 'Pro',
  dailyQuota: 10,
  monthlyCost: { amount: 999, currency: 'USD' },
  overage: 'allow',
  features: ['10 votes a day'],
  version: 1,
  retired: false,
};

@ApiSchema({ name: 'PricingPlan' })
export class PlanResponse implements PlanView {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ minimum: 1 }) dailyQuota!: number;
  @ApiProperty({ type: PlanPriceDto }) monthlyCost!: PlanPriceDto;
  @ApiProperty({ enum: OVERAGE_POLICIES }) overage!: OveragePolicy;
  @ApiProperty({ type: [String] }) features!: string[];
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ description: 'Retired plans take no new subscribers.' }) retired!: boolean;
}

@ApiSchema({ name: 'PricingPlanPage' })
export class PlanPageResponse {
  @ApiProperty({ type: [PlanResponse] }) items!: PlanResponse[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor!: string | null;
}

export class PlanPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
