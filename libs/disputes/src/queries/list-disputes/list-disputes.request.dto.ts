import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequest } from '@tally/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DISPUTE_KINDS, DISPUTE_STATUSES } from '../../domain/dispute.events';
import type { DisputeKind, DisputeStatus } from '../../domain/dispute.events';

export class ListDisputesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;

  @ApiPropertyOptional({ enum: DISPUTE_KINDS, example: 'payment' })
  @IsOptional()
  @IsIn(DISPUTE_KINDS)
  kind?: DisputeKind;

  @ApiPropertyOptional({ format: 'uuid', description: "Staff: one voter's cases (a voter always sees only their own)." })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  paymentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  voteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The nextCursor of the previous page (a case id).' })
  @IsOptional()
  @IsUUID()
  declare cursor?: string;
}
