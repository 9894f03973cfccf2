import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CASE_ACTIONS, CaseAction } from '../decide-case/decide-case.command';

export const MAX_BULK_CASES = 100;

export class BulkDecideCasesRequest {
  @ApiProperty({ enum: CASE_ACTIONS, description: 'Applied to every case listed.', example: 'reject' })
  @IsIn(CASE_ACTIONS)
  action!: CaseAction;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_CASES, uniqueItems: true, example: ['0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_CASES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds!: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: 'One SIM farm, 40 accounts' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
