import { ApiProperty } from '@nestjs/swagger';
import type { PaymentDetailView } from '../queries/payment-views';
import { PaymentResponse } from './payment.response.dto';

export class PaymentDetailResponse extends PaymentResponse implements PaymentDetailView {
  @ApiProperty({
    description:
      "Whether the voter's balance reflects this payment: true once the credits reactor has applied every credit movement so far (the votes bought, granted after `completed`; holds and take-backs since). Right after paying, `completed` with `creditsApplied: false` means the votes are a moment away: read again. A pending or failed payment moves no credits (true).",
    example: true,
  })
  creditsApplied!: boolean;
}
