import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CASE_ACTIONS, CaseAction } from './decide-case.command';

export class DecideCaseRequest {
  @ApiProperty({ enum: CASE_ACTIONS, description: '`approve`: the vote counts. `reject`: it never counts and its credits go back to the voter.', example: 'reject' })
  @IsIn(CASE_ACTIONS)
  action!: CaseAction;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, description: 'Kept with the decision in the log, for auditors.', example: 'Same device as 40 other accounts' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
