import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,12})?$/;

export class PriceDto {
  @Matches(CURRENCY, { message: 'currency must be an ISO-4217 code such as USD' }) currency!: string;
  /** Minor units per vote. */
  @IsInt() @Min(1) @Max(100_000_000) unitAmount!: number;
}

export class PriceListRequestDto {
  @IsOptional() @IsUUID() eventId?: string;
  @Matches(CURRENCY, { message: 'baseCurrency must be an ISO-4217 code such as USD' }) baseCurrency!: string;
  @ValidateNested({ each: true }) @Type(() => PriceDto) @ArrayMinSize(1) @ArrayMaxSize(50) prices!: PriceDto[];
}

export class TaxRuleDto {
  @Matches(/^([A-Za-z]{2}|\*)$/, { message: 'country must be an ISO-3166 alpha-2 code or *' }) country!: string;
  @Matches(DECIMAL, { message: 'rate must be a decimal fraction such as 0.2' }) rate!: string;
  @IsIn(['inclusive', 'exclusive']) mode!: 'inclusive' | 'exclusive';
}

export class TaxRulesRequestDto {
  @ValidateNested({ each: true }) @Type(() => TaxRuleDto) @ArrayMaxSize(300) rules!: TaxRuleDto[];
}

export class FxRateRequestDto {
  @Matches(CURRENCY, { message: 'base must be an ISO-4217 code' }) base!: string;
  @Matches(CURRENCY, { message: 'quote must be an ISO-4217 code' }) quote!: string;
  @Matches(DECIMAL, { message: 'rate must be a positive decimal such as 1.0823' }) rate!: string;
  /** When the rate was observed; now when absent. */
  @IsOptional() @IsDateString() asOf?: string;
  /** Platform admins may store a rate for every tenant. */
  @IsOptional() @IsBoolean() platform?: boolean;
}
