import { ApiProperty } from '@nestjs/swagger';
import { SANDBOX_OUTCOMES, SandboxOutcome } from '../../providers/sandbox/sandbox-cards';

const PAYMENT_STATUSES = ['pending', 'completed', 'failed', 'partially_refunded', 'refunded', 'disputed'] as const;

export class SandboxWebhookDeliveryResponse {
  @ApiProperty({ description: 'The Stripe-style event id of the signed delivery.', example: 'evt_sandbox_0190a6f23c4b7d5e9f102a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ example: 'payment_intent.succeeded' })
  eventType!: string;

  @ApiProperty({ enum: ['processed', 'ignored', 'duplicate', 'failed'], description: "What the webhook inbox did with it (`ignored`: recorded, nothing to act on, as for requires_action).", example: 'processed' })
  outcome!: string;

  @ApiProperty({ description: 'The webhook route had seen this event already.', example: false })
  duplicate!: boolean;
}

export class CompleteSandboxPaymentResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  paymentId!: string;

  @ApiProperty({ enum: ['sandbox'], example: 'sandbox' })
  provider!: 'sandbox';

  @ApiProperty({ type: Boolean, enum: [true], description: 'Always true: no money moved.', example: true })
  sandbox!: true;

  @ApiProperty({ enum: SANDBOX_OUTCOMES, example: 'succeeded' })
  outcome!: SandboxOutcome;

  @ApiProperty({ enum: PAYMENT_STATUSES, description: 'The payment once the webhook was processed; the credits follow within moments.', example: 'completed' })
  status!: string;

  @ApiProperty({ type: SandboxWebhookDeliveryResponse })
  webhook!: SandboxWebhookDeliveryResponse;
}
