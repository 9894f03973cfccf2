import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { DISPUTE_KINDS, DISPUTE_REASONS } from '../../domain/dispute.events';
import type { DisputeKind, DisputeReason } from '../../domain/dispute.events';

export class OpenDisputeRequest {
  @ApiProperty({ enum: DISPUTE_KINDS, description: '`vote`: a complaint about a vote; `payment`: a contested payment.', example: 'vote' })
  @IsIn(DISPUTE_KINDS)
  kind!: DisputeKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'The vote (kind `vote`).' })
  @ValidateIf((body: OpenDisputeRequest) => body.kind === 'vote')
  @IsUUID()
  voteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The payment (kind `payment`).' })
  @ValidateIf((body: OpenDisputeRequest) => body.kind === 'payment')
  @IsUUID()
  paymentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Staff only: the voter whose vote it is (required for a vote; a payment names its voter). A voter opens cases about themselves only.',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({ enum: DISPUTE_REASONS, description: 'A code, never free text: events carry no personal data.', example: 'vote_not_counted' })
  @IsIn(DISPUTE_REASONS)
  reason!: DisputeReason;
}
