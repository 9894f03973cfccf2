import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,12})?$/;

export class PriceDto {
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  @Matches(CURRENCY, { message: 'currency must be an ISO-4217 code such as USD' }) currency!: string;
  /** Minor units per vote. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000000, description: 'Minor units per vote.', example: 100 })
  @IsInt() @Min(1) @Max(100_000_000) unitAmount!: number;
}

export class PriceListRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The event this list is for; the tenant's default list when absent.", example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsOptional() @IsUUID() eventId?: string;
  @ApiProperty({ pattern: '^[A-Z]{3}$', description: 'Needs a price of its own; other currencies without one are converted from it.', example: 'USD' })
  @Matches(CURRENCY, { message: 'baseCurrency must be an ISO-4217 code such as USD' }) baseCurrency!: string;
  @ApiProperty({ type: [PriceDto], minItems: 1, maxItems: 50 })
  @ValidateNested({ each: true }) @Type(() => PriceDto) @ArrayMinSize(1) @ArrayMaxSize(50) prices!: PriceDto[];
}

export class TaxRuleDto {
  @ApiProperty({ pattern: '^([A-Za-z]{2}|\\*)$', description: 'ISO-3166 alpha-2, or * for every other country.', example: 'GB' })
  @Matches(/^([A-Za-z]{2}|\*)$/, { message: 'country must be an ISO-3166 alpha-2 code or *' }) country!: string;
  @ApiProperty({ pattern: '^\\d{1,9}(\\.\\d{1,12})?$', description: 'A decimal fraction as a string.', example: '0.2' })
  @Matches(DECIMAL, { message: 'rate must be a decimal fraction such as 0.2' }) rate!: string;
  @ApiProperty({ enum: ['inclusive', 'exclusive'], description: 'inclusive: prices already contain the tax.', example: 'exclusive' })
  @IsIn(['inclusive', 'exclusive']) mode!: 'inclusive' | 'exclusive';
}

export class TaxRulesRequestDto {
  @ApiProperty({ type: [TaxRuleDto], maxItems: 300, description: 'The complete new set of rules.' })
  @ValidateNested({ each: true }) @Type(() => TaxRuleDto) @ArrayMaxSize(300) rules!: TaxRuleDto[];
}

export class FxRateRequestDto {
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  @Matches(CURRENCY, { message: 'base must be an ISO-4217 code' }) base!: string;
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  @Matches(CURRENCY, { message: 'quote must be an ISO-4217 code' }) quote!: string;
  @ApiProperty({ pattern: '^\\d{1,9}(\\.\\d{1,12})?$', description: 'Units of quote per unit of base, above zero.', example: '0.9234' })
  @Matches(DECIMAL, { message: 'rate must be a positive decimal such as 1.0823' }) rate!: string;
  /** When the rate was observed; now when absent. */
  @ApiPropertyOptional({ format: 'date-time', description: 'When the rate was observed; now when absent.', example: '2025-03-01T12:00:00Z' })
  @IsOptional() @IsDateString() asOf?: string;
  /** Platform admins may store a rate for every tenant. */
  @ApiPropertyOptional({ default: false, description: 'Platform admins only: the rate applies to every tenant.', example: false })
  @IsOptional() @IsBoolean() platform?: boolean;
}
