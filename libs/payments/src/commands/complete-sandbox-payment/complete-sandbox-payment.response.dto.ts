import { ApiProperty } from '@nestjs/swagger';
import { SANDBOX_OUTCOMES, SandboxOutcome } from '../../providers/sandbox/sandbox-cards';

const PAYMENT_STATUSES = ['pending', 'completed', 'failed', 'partially_refunded', 'refunded', 'disputed'] as const;

export class SandboxWebhookDeliveryResponse {
  @ApiProperty({ description: 'The Stripe-style event id of the signed delivery.', example: 'evt_sandbox_0190a6f23c4b7d5e9f102a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ example: 'payment_intent.succeeded' })
  eventType!: string;

  @ApiProperty({ enum: ['processed', 'ignored', 'duplicate', 'failed'], description: "What the webhook inbox did with it (`ignored`: recorded, nothing to act on, as for requires_action)." })
  outcome!: string;

  @ApiProperty()
  duplicate!: boolean;
}

export class CompleteSandboxPaymentResponse {
  @ApiProperty({ format: 'uuid' })
  paymentId!: string;

  @ApiProperty({ enum: ['sandbox'] })
  provider!: 'sandbox';

  @ApiProperty({ enum: [true], description: 'Always true: no money moved.' })
  sandbox!: true;

  @ApiProperty({ enum: SANDBOX_OUTCOMES })
  outcome!: SandboxOutcome;

  @ApiProperty({ enum: PAYMENT_STATUSES, description: 'The payment once the webhook was processed; the credits follow within moments.' })
  status!: string;

  @ApiProperty({ type: SandboxWebhookDeliveryResponse })
  webhook!: SandboxWebhookDeliveryResponse;
}
