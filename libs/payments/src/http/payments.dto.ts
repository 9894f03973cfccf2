import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';

export class CheckoutRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The event whose price list applies; the tenant's default list when absent.", example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsOptional() @IsUUID() eventId?: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, description: 'Vote credits to buy.', example: 10 })
  @IsInt() @Min(1) @Max(100_000) votes!: number;
  @ApiProperty({ pattern: '^[A-Z]{3}$', description: 'ISO-4217.', example: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO-4217 code such as USD' }) currency!: string;
  @ApiPropertyOptional({ enum: PROVIDER_NAMES, description: "The tenant's default provider when absent (the sandbox in the embedded mode).", example: 'stripe' })
  @IsOptional() @IsIn(PROVIDER_NAMES) provider?: ProviderName;
  @ApiPropertyOptional({ pattern: '^[A-Za-z]{2}$', description: 'ISO-3166 alpha-2; picks the tax rule.', example: 'GB' })
  @IsOptional() @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO-3166 alpha-2 code' }) country?: string;
  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'For the receipt (Paystack requires one).', example: 'ada@example.com' })
  @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email?: string;
}

export class RefundRequestDto {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  @IsUUID() paymentId!: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2147483647, description: 'Minor units; the whole remainder when absent.', example: 500 })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT32) amount?: number;
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Voter charged twice by mistake' })
  @IsString() @Length(1, 500) reason!: string;
}

export class VerifyWebhookRequestDto {
  @ApiProperty({ enum: PROVIDER_NAMES, example: 'stripe' })
  @IsIn(PROVIDER_NAMES) provider!: ProviderName;
  /** The delivery's body exactly as received. */
  @ApiProperty({ minLength: 1, maxLength: 1000000, description: "The delivery's body exactly as received.", example: '{"id":"evt_1OqLx2Eq1AbCdEfGhIjKlMn","type":"payment_intent.succeeded"}' })
  @IsString() @Length(1, 1_000_000) payload!: string;
  /** The Stripe-Signature or x-paystack-signature header value. */
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'The Stripe-Signature or x-paystack-signature header value.', example: 't=1740859080,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd' })
  @IsString() @Length(1, 2000) signature!: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'The nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ format: 'uuid', description: "Staff only: one payer's payments (voters always see their own).", example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsOptional() @IsUUID() userId?: string;
}

export class ReleaseHoldRequestDto {
  /** Why the held credits may go back (kept on the payment's event). */
  @ApiProperty({ minLength: 1, maxLength: 500, description: "Why the held credits may go back (kept on the payment's event).", example: 'Issuer confirmed the warning was a false positive' })
  @IsString() @Length(1, 500) reason!: string;
}
