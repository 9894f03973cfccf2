import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';
import { OVERAGE_POLICIES, OveragePolicy } from '../../domain/plan.events';

@ApiSchema({ name: 'PlanPrice' })
export class PlanPriceDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_INT32, description: 'Minor units per month (cents for USD).', example: 999 })
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  amount!: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', description: 'ISO-4217 code.', example: 'USD' })
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency!: string;
}

/** A plan's terms: the body of both create and update. */
@ApiSchema({ name: 'PlanTermsRequest' })
export class PlanTermsRequest {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Pro' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Votes per day, counted per local day of the subscriber.', example: 10 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  dailyQuota!: number;

  @ApiProperty({ type: PlanPriceDto })
  @ValidateNested()
  @Type(() => PlanPriceDto)
  monthlyCost!: PlanPriceDto;

  @ApiProperty({ enum: OVERAGE_POLICIES, description: '`allow`: votes past the quota are paid with credits; `deny`: refused (quota-exhausted).', example: 'allow' })
  @IsIn(OVERAGE_POLICIES)
  overage!: OveragePolicy;

  @ApiProperty({ type: [String], maxItems: 20, description: 'Free-text features shown to voters.', example: ['10 votes a day', 'Priority support'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  features!: string[];
}
