import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';

export class CategoryRulesRequest {
  @ApiPropertyOptional({ description: 'Most votes per request in this category' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerRequest?: number;

  @ApiPropertyOptional({ description: 'Most votes one voter may give in this category' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerVoter?: number;
}

export class AddCategoryRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Weight of the category in scoring' })
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
