import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';

export class CheckoutRequestDto {
  @IsOptional() @IsUUID() eventId?: string;
  @IsInt() @Min(1) @Max(100_000) votes!: number;
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO-4217 code such as USD' }) currency!: string;
  @IsOptional() @IsIn(PROVIDER_NAMES) provider?: ProviderName;
  @IsOptional() @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO-3166 alpha-2 code' }) country?: string;
  @IsOptional() @IsString() @MaxLength(254) email?: string;
}

export class RefundRequestDto {
  @IsUUID() paymentId!: string;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT32) amount?: number;
  @IsString() @Length(1, 500) reason!: string;
}

export class VerifyWebhookRequestDto {
  @IsIn(PROVIDER_NAMES) provider!: ProviderName;
  /** The delivery's body exactly as received. */
  @IsString() @Length(1, 1_000_000) payload!: string;
  /** The Stripe-Signature or x-paystack-signature header value. */
  @IsString() @Length(1, 2000) signature!: string;
}

export class HistoryQueryDto {
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsUUID() userId?: string;
}

export class ReleaseHoldRequestDto {
  /** Why the held credits may go back (kept on the payment's event). */
  @IsString() @Length(1, 500) reason!: string;
}
