import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';

export class CategoryRulesRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2147483647, description: 'Most votes per request in this category', example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerRequest?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2147483647, description: 'Most votes one voter may give in this category', example: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerVoter?: number;
}

export class AddCategoryRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Best Vocalist' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ minimum: 0, maximum: 1000, description: 'Weight of the category in scoring', example: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  // A weight multiplies scores; beyond this it only overflows them.
  @Max(1_000)
  weight!: number;

  @ApiPropertyOptional({ type: CategoryRulesRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => CategoryRulesRequest)
  rules?: CategoryRulesRequest;
}
