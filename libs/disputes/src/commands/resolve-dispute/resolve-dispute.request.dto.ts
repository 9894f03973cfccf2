import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DISPUTE_EFFECT_TYPES, DISPUTE_RESOLUTIONS } from '../../domain/dispute.events';
import type { DisputeEffectType, DisputeResolution } from '../../domain/dispute.events';
import { MAX_EFFECT_CREDITS } from './resolve-dispute.decide';

export class EffectRequestDto {
  @ApiProperty({
    enum: DISPUTE_EFFECT_TYPES,
    description: '`refund_credits`: credits back to the voter; `void_vote`: the disputed vote leaves the tally and its paid credits return; `reverse_grant`: credits taken back; `none`.',
    example: 'refund_credits',
  })
  @IsIn(DISPUTE_EFFECT_TYPES)
  type!: DisputeEffectType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EFFECT_CREDITS, description: 'For refund_credits and reverse_grant.', example: 5 })
  @ValidateIf((effect: EffectRequestDto) => effect.type === 'refund_credits' || effect.type === 'reverse_grant')
  @IsInt()
  @Min(1)
  @Max(MAX_EFFECT_CREDITS)
  credits?: number;
}

export class ResolveDisputeRequest {
  @ApiProperty({ enum: DISPUTE_RESOLUTIONS, description: '`upheld`: the complaint stands (its effect runs); `rejected`: nothing moves.', example: 'upheld' })
  @IsIn(DISPUTE_RESOLUTIONS)
  resolution!: DisputeResolution;

  @ApiProperty({ type: EffectRequestDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EffectRequestDto)
  effect!: EffectRequestDto;
}
