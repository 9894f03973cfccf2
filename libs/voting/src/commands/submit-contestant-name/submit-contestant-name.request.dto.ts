import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_NAME_LENGTH } from '../../domain/content-checks';

export class SubmitContestantNameRequest {
  @ApiProperty({ minLength: 1, maxLength: MAX_NAME_LENGTH, example: 'Amara N. Okafor' })
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  name!: string;
}
