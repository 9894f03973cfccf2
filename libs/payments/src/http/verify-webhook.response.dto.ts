import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROVIDER_NAMES } from '../domain/payment.events';

/** A support check of one delivery: what it means when its signature holds, why not when it does not. */
export class VerifyWebhookResponse {
  @ApiProperty({ description: 'The signature holds for this payload.', example: true })
  valid!: boolean;

  @ApiProperty({ enum: PROVIDER_NAMES, example: 'stripe' })
  provider!: string;

  @ApiPropertyOptional({ description: "The provider's event id (valid only).", example: 'evt_1OqLx2Eq1AbCdEfGhIjKlMn' })
  eventId?: string;

  @ApiPropertyOptional({ description: "The provider's event type (valid only).", example: 'payment_intent.succeeded' })
  eventType?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Our payment the delivery names (valid only).', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  paymentId?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    properties: { kind: { type: 'string', enum: ['payment_succeeded', 'payment_failed', 'refund_total', 'refund_succeeded', 'refund_failed', 'dispute_opened', 'dispute_closed', 'fraud_warning'] } },
    additionalProperties: true,
    description: 'What the delivery means to Tally (valid only); null for event types Tally records but does not act on.',
    example: { kind: 'payment_succeeded', providerPaymentId: 'pi_3OqLx2Eq1AbCdEf', amount: { amount: 1000, currency: 'USD' }, paymentMethod: 'card' },
  })
  fact?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Why the signature does not hold (invalid only).', example: 'No signatures found matching the expected signature for payload' })
  reason?: string;
}
