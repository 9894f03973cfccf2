import { ApiProperty } from '@nestjs/swagger';
import type { RequestRefundResult } from '../commands/request-refund/request-refund.command';

export class RefundResponse implements RequestRefundResult {
  @ApiProperty({ format: 'uuid', example: '0190a6fc-d3e4-7f5a-8b6c-7d8e9f0a1b2c' })
  refundId!: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'], description: 'Usually pending: the provider confirms by webhook.', example: 'pending' })
  status!: 'pending' | 'succeeded' | 'failed';
}
