import { ApiProperty } from '@nestjs/swagger';
import type { PaymentView } from '../queries/payment-views';
import { MoneyResponse } from './money.response.dto';

export class PaymentResponse implements PaymentView {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  paymentId!: string;

  @ApiProperty({ format: 'uuid', description: 'The payer.', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  userId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 10 })
  votes!: number;

  @ApiProperty({ type: MoneyResponse })
  amount!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Refunded so far.' })
  refunded!: MoneyResponse;

  @ApiProperty({ enum: ['pending', 'completed', 'failed', 'partially_refunded', 'refunded', 'disputed'], example: 'completed' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, enum: ['stripe', 'paystack', 'sandbox'], example: 'stripe' })
  provider!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'pi_3OqLx2Eq1AbCdEf' })
  providerPaymentId!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Credits held off the balance while a dispute or early fraud warning is unresolved.', example: 0 })
  creditsHeld!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the card issuer first reported fraud; null when it never did.', example: null })
  fraudWarnedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-03-01T19:58:00.000Z' })
  createdAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-03-01T19:58:04.000Z' })
  updatedAt!: string | null;
}
