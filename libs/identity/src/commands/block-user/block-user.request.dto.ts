import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { BlockReason } from '../../domain/user.events';

export const BLOCK_REASONS: BlockReason[] = ['fraud', 'abuse', 'chargeback', 'other'];

export class BlockUserRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: BLOCK_REASONS, description: 'A code, never free text: events carry no personal data.', example: 'fraud' })
  @IsIn(BLOCK_REASONS)
  reason!: BlockReason;
}
