import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsUUID, ValidateNested } from 'class-validator';

export class ScoreEntryRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  @IsUUID() contestantId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' })
  @IsUUID() scoreTypeId!: string;

  @ApiProperty({ description: "Within the score type's scale.", example: 8.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
}

export class SubmitScoresRequest {
  @ApiProperty({ type: [ScoreEntryRequest], minItems: 1, maxItems: 500 })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ScoreEntryRequest) @ArrayMinSize(1) @ArrayMaxSize(500) scores!: ScoreEntryRequest[];
}
