import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

export class ConfigureBlendRequest {
  @ApiProperty({ minimum: 0, maximum: 1000, description: 'Weight of the jury score in the blend.', example: 50 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000) juryWeight!: number;

  @ApiProperty({ minimum: 0, maximum: 1000, description: 'Weight of the public vote in the blend.', example: 50 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000) publicWeight!: number;
}
