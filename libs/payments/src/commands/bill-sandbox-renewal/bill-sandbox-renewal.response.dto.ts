import { ApiProperty } from '@nestjs/swagger';
import { SandboxWebhookDeliveryResponse } from '../complete-sandbox-payment/complete-sandbox-payment.response.dto';
import { SANDBOX_CHARGE_OUTCOMES, SandboxChargeOutcome, SandboxSubscriptionStatus } from '../../providers/sandbox/sandbox-subscription';

export class SandboxInvoiceResponse {
  @ApiProperty({ example: 'in_sandbox_5f1c0a9e2b7d4c3e8a6f1b2d_2' }) invoiceId!: string;
  @ApiProperty({ description: 'Minor units charged (after any credit of the customer).', example: 999 }) amountDue!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ minimum: 1, example: 1 }) attemptCount!: number;
  @ApiProperty({ example: false }) paid!: boolean;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ format: 'date-time' }) periodEnd!: string;
}

export class BillSandboxRenewalResponse {
  @ApiProperty({ example: 'sub_sandbox_5f1c0a9e2b7d4c3e8a6f1b2d' }) subscriptionId!: string;
  @ApiProperty({ type: Boolean, enum: [true], description: 'Always true: no money moved.', example: true }) sandbox!: true;
  @ApiProperty({ enum: SANDBOX_CHARGE_OUTCOMES, example: 'declined' }) outcome!: SandboxChargeOutcome;
  @ApiProperty({ enum: ['incomplete', 'active', 'past_due', 'canceled'], description: "The sandbox's (Stripe's) status of the subscription after the attempt.", example: 'past_due' })
  status!: SandboxSubscriptionStatus;
  @ApiProperty({ format: 'date-time', description: 'End of the paid period.' }) currentPeriodEnd!: string;
  @ApiProperty({ type: SandboxInvoiceResponse }) invoice!: SandboxInvoiceResponse;
  @ApiProperty({ type: [SandboxWebhookDeliveryResponse], description: 'The signed deliveries to the billing webhook route (invoice.paid or invoice.payment_failed, then customer.subscription.updated on a status change) and its answers.' })
  webhooks!: SandboxWebhookDeliveryResponse[];
}
