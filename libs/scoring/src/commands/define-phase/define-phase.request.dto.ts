import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsObject, IsOptional, Max, Min } from 'class-validator';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';

export class DefinePhaseRequest {
  @ApiProperty({ enum: PHASE_NAMES, description: 'Phases are defined in this order; any may be left out.', example: 'final' })
  @IsIn(PHASE_NAMES) phase!: PhaseName;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0, description: "The share of the previous phase's jury score carried into this one (0: a fresh start; the first phase has none).", example: 0.25 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) carryOver?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number', minimum: 0 }, description: "This phase's own weight per score type id (types not named keep their weight).", example: { '0190a6f5-1111-7aaa-8bbb-0123456789ab': 3 } })
  @IsOptional() @IsObject() weights?: Record<string, number>;
}
