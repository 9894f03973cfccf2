import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { UsageDay, UsageView } from './get-usage.query';

@ApiSchema({ name: 'SubscriptionUsageDay' })
export class UsageDayResponse implements UsageDay {
  @ApiProperty({ format: 'date', description: 'Local date in the subscriber\'s zone.', example: '2026-03-02' }) date!: string;
  @ApiProperty({ minimum: 0, example: 7 }) votesUsed!: number;
  @ApiProperty({ minimum: 0, description: 'The quota of that day (the plan then).', example: 10 }) dailyQuota!: number;
}

@ApiSchema({ name: 'SubscriptionUsageToday' })
export class UsageTodayResponse {
  @ApiProperty({ format: 'date', example: '2026-03-02' }) date!: string;
  @ApiProperty({ minimum: 0, description: '0 while the subscription gives no quota (unpaid, suspended, ended).', example: 10 }) dailyQuota!: number;
  @ApiProperty({ minimum: 0, example: 7 }) used!: number;
  @ApiProperty({ minimum: 0, example: 3 }) left!: number;
  @ApiProperty({ format: 'date-time', description: 'The next local midnight.', example: '2026-03-02T11:00:00.000Z' }) resetsAt!: string;
}

@ApiSchema({ name: 'SubscriptionUsage' })
export class UsageResponse implements UsageView {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ example: 'Pacific/Auckland' }) timeZone!: string;
  @ApiProperty({ type: UsageTodayResponse }) today!: UsageTodayResponse;
  @ApiProperty({ type: [UsageDayResponse] }) days!: UsageDayResponse[];
}
