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
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @Nullable() @IsString() @Matches(STRIPE_SECRET_KEY, { message: 'secretKey must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)' }) secretKey?: string | null;
  @IsOptional() @Nullable() @IsString() @Matches(STRIPE_WEBHOOK_SECRET, { message: 'webhookSecret must be a Stripe webhook signing secret (whsec_…)' }) webhookSecret?: string | null;
}

/** Paystack signs webhooks with the secret key, so there is no separate webhook secret. */
export class PaystackSettingsDto {
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @Nullable() @IsString() @Matches(PAYSTACK_SECRET_KEY, { message: 'secretKey must be a Paystack secret key (sk_test_… or sk_live_…)' }) secretKey?: string | null;
}

export class ProvidersSettingsDto {
  /** `null` drops the tenant's own Stripe settings: back to the platform's keys. */
  @IsOptional() @Nullable() @ValidateNested() @Type(() => StripeSettingsDto) stripe?: StripeSettingsDto | null;
  @IsOptional() @Nullable() @ValidateNested() @Type(() => PaystackSettingsDto) paystack?: PaystackSettingsDto | null;
}

export class PaymentSettingsRequestDto {
  /** `null`: the platform's choice (PAYMENTS_DEFAULT_PROVIDER, else the first usable provider). */
  @IsOptional() @Nullable() @IsIn(PROVIDER_NAMES) defaultProvider?: ProviderName | null;
  @IsOptional() @ValidateNested() @Type(() => ProvidersSettingsDto) providers?: ProvidersSettingsDto;
}

export class SettingsAuditQueryDto {
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
