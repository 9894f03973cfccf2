import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { CALCULATION_METHODS, CalculationMethod } from '../../domain/judging.events';

const FINITE = { allowNaN: false, allowInfinity: false };

export class DefineScoreTypeRequest {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Vocal technique' })
  @IsString() @Length(1, 100) name!: string;

  @ApiProperty({ minimum: -1000000, maximum: 1000000, description: 'The lowest value a judge may give.', example: 1 })
  @IsNumber(FINITE) @Min(-1_000_000) @Max(1_000_000) scaleMin!: number;

  @ApiProperty({ minimum: -1000000, maximum: 1000000, description: 'The highest value a judge may give (above scaleMin).', example: 10 })
  @IsNumber(FINITE) @Min(-1_000_000) @Max(1_000_000) scaleMax!: number;

  @ApiProperty({ minimum: 0, maximum: 1000, description: "The type's weight in a phase score, above 0 (a phase may set its own).", example: 2 })
  @IsNumber(FINITE) @Min(0) @Max(1_000) weight!: number;

  @ApiProperty({ enum: CALCULATION_METHODS, description: 'How raw values become 0–100: min-max on the scale, z-score per judge (cancels harsh and lenient judges), or rank-based.', example: 'z-score' })
  @IsIn(CALCULATION_METHODS) calculationMethod!: CalculationMethod;
}
