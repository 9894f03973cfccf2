import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, IsUUID, Length } from 'class-validator';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';

export class AdjustScoreRequest {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  @IsIn(PHASE_NAMES) phase!: PhaseName;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  @IsUUID() contestantId!: string;

  @ApiProperty({ minimum: -100, maximum: 100, description: "Points added to (negative: taken from) the contestant's 0–100 phase score; not 0.", example: 5 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) points!: number;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Shown in the report.', example: 'Microphone failure during the song' })
  @IsString() @Length(1, 500) reason!: string;
}
