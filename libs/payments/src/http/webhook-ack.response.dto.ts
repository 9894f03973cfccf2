import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryOutcome } from '../webhooks/webhook-inbox';

/** What every webhook path answers a provider (deliveryAcknowledgement). */
export class WebhookAckResponse {
  @ApiProperty({ enum: [true], type: Boolean, example: true })
  received!: true;

  @ApiProperty({ format: 'uuid', description: 'Our record of the delivery.', example: '0190a6fa-b1c2-7d3e-8f4a-5b6c7d8e9f0a' })
  webhookId!: string;

  @ApiProperty({ description: 'The provider event was seen before; nothing was applied twice.', example: false })
  duplicate!: boolean;

  @ApiProperty({ enum: ['processed', 'ignored', 'duplicate', 'failed'], example: 'processed' })
  outcome!: DeliveryOutcome;
}
