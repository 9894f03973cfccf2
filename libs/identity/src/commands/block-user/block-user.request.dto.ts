import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { BlockReason } from '../../domain/user.events';

export const BLOCK_REASONS: BlockReason[] = ['fraud', 'abuse', 'chargeback', 'other'];

export class BlockUserRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: BLOCK_REASONS, description: 'A code, never free text: events carry no personal data.' })
  @IsIn(BLOCK_REASONS)
  reason!: BlockReason;
}
