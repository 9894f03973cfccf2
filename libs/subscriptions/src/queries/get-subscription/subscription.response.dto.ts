import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { OVERAGE_POLICIES, OveragePolicy } from '../../domain/plan.events';
import type { BillingProviderName } from '../../domain/subscription.events';
import type { SubscriptionStatus } from '../../domain/subscription.state';
import { PlanPriceDto } from '../../commands/create-plan/plan-terms.request.dto';
import type { SubscriptionView } from './subscription.view';

export const SUBSCRIPTION_EXAMPLE: SubscriptionView = {
  subscriptionId: '0190a6f5-6c7d-7e8f-9a0b-1c2d3e4f5a6b',
  userId: '0190a6f1-2b3c-7d4e-8f5a-6b7c8d9e0f1a',
  planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61',
  planName: 'Pro',
  dailyQuota: 10,
  monthlyCost: { amount: 999, currency: 'USD' },
  overage: 'allow',
  timeZone: 'Pacific/Auckland',
  status: 'active',
  quotaActive: true,
  provider: 'stripe',
  providerSubscriptionId: 'sub_1QxYzAbCdEfGhIjKlMnOpQrS',
  startDate: '2026-03-01T12:00:00.000Z',
  paidThrough: '2026-04-01T12:00:00.000Z',
  graceUntil: null,
  endDate: null,
};

@ApiSchema({ name: 'Subscription' })
export class SubscriptionResponse implements SubscriptionView {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ description: 'The subscriber.' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() planName!: string;
  @ApiProperty({ minimum: 1, description: 'Votes per local day.' }) dailyQuota!: number;
  @ApiProperty({ type: PlanPriceDto }) monthlyCost!: PlanPriceDto;
  @ApiProperty({ enum: OVERAGE_POLICIES }) overage!: OveragePolicy;
  @ApiProperty({ description: 'IANA zone; the quota resets at its midnight.' }) timeZone!: string;
  @ApiProperty({ enum: ['incomplete', 'active', 'past_due', 'suspended', 'ended'], description: 'incomplete until the first invoice is paid; past_due after a failed renewal (quota kept until graceUntil); then suspended.' })
  status!: SubscriptionStatus;
  @ApiProperty({ description: 'Whether votes draw on the daily quota now.' }) quotaActive!: boolean;
  @ApiProperty({ enum: ['stripe', 'sandbox'] }) provider!: BillingProviderName;
  @ApiProperty({ description: "The provider's subscription id (Stripe's sub_…; the sandbox's is what POST /api/payments/sandbox/subscriptions/{id}/renewal takes)." })
  providerSubscriptionId!: string;
  @ApiProperty({ format: 'date-time' }) startDate!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) paidThrough!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) graceUntil!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When a cancelled subscription ends.' }) endDate!: string | null;
}
