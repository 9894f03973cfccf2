import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Nullable } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';

/** Stripe secret or restricted keys (`sk_test_…`, `sk_live_…`, `rk_…`). Messages never repeat the value. */
const STRIPE_SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,247}$/;
const STRIPE_WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=_-]{8,250}$/;
const PAYSTACK_SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9]{8,250}$/;

/** Omitted fields stay as they are; `null` removes a stored key. */
export class StripeSettingsDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,247}$', description: 'A Stripe secret or restricted key; null removes the stored one.', example: 'sk_test_51HxAbCdEfGhIjKlMnOpQrStUv' })
  @IsOptional() @Nullable() @IsString() @Matches(STRIPE_SECRET_KEY, { message: 'secretKey must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)' }) secretKey?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^whsec_[A-Za-z0-9+/=_-]{8,250}$', description: 'The webhook signing secret; null removes the stored one.', example: 'whsec_7d3f9a2b1c4e5f60a8b9c0d1' })
  @IsOptional() @Nullable() @IsString() @Matches(STRIPE_WEBHOOK_SECRET, { message: 'webhookSecret must be a Stripe webhook signing secret (whsec_…)' }) webhookSecret?: string | null;
}

/** Paystack signs webhooks with the secret key, so there is no separate webhook secret. */
export class PaystackSettingsDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^sk_(test|live)_[A-Za-z0-9]{8,250}$', description: 'The Paystack secret key (it also signs webhooks); null removes the stored one.', example: 'sk_test_3f9a2b1c4e5f60a8b9c0d1e2' })
  @IsOptional() @Nullable() @IsString() @Matches(PAYSTACK_SECRET_KEY, { message: 'secretKey must be a Paystack secret key (sk_test_… or sk_live_…)' }) secretKey?: string | null;
}

export class ProvidersSettingsDto {
  /** `null` drops the tenant's own Stripe settings: back to the platform's keys. */
  @ApiPropertyOptional({ type: StripeSettingsDto, nullable: true, description: "null drops the tenant's own Stripe settings: back to the platform's keys." })
  @IsOptional() @Nullable() @ValidateNested() @Type(() => StripeSettingsDto) stripe?: StripeSettingsDto | null;
  @ApiPropertyOptional({ type: PaystackSettingsDto, nullable: true, description: "null drops the tenant's own Paystack settings." })
  @IsOptional() @Nullable() @ValidateNested() @Type(() => PaystackSettingsDto) paystack?: PaystackSettingsDto | null;
}

export class PaymentSettingsRequestDto {
  /** `null`: the platform's choice (PAYMENTS_DEFAULT_PROVIDER, else the first usable provider). */
  @ApiPropertyOptional({ type: String, enum: PROVIDER_NAMES, nullable: true, description: "null: the platform's choice (PAYMENTS_DEFAULT_PROVIDER, else the first usable provider).", example: 'stripe' })
  @IsOptional() @Nullable() @IsIn(PROVIDER_NAMES) defaultProvider?: ProviderName | null;
  @ApiPropertyOptional({ type: ProvidersSettingsDto, description: 'Omitted providers and fields stay as they are.' })
  @IsOptional() @ValidateNested() @Type(() => ProvidersSettingsDto) providers?: ProvidersSettingsDto;
}

export class SettingsAuditQueryDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'The nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
