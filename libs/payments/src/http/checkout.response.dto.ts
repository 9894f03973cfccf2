import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyResponse } from './money.response.dto';

export class CheckoutResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  paymentId!: string;

  @ApiProperty({ enum: ['stripe', 'paystack', 'sandbox'], example: 'stripe' })
  provider!: string;

  @ApiPropertyOptional({ enum: [true], type: Boolean, description: 'Present on sandbox payments: no money moves (embedded mode).', example: true })
  sandbox?: true;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Stripe's PaymentIntent client secret, for Stripe.js.", example: 'pi_3OqLx2Eq1AbCdEf_secret_Gh1JkLmN0pQ' })
  clientSecret?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where to send the voter to pay (Paystack).', example: 'https://checkout.paystack.com/7rkd2xb5ql1v3mn' })
  checkoutUrl?: string | null;

  @ApiProperty({ type: MoneyResponse, description: 'What the voter pays (tax included).' })
  amount!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Before tax.' })
  net!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  tax!: MoneyResponse;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Credits granted once the payment succeeds.', example: 10 })
  votes!: number;
}
