import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { CONTEST_STATUSES, ContestStatus } from '../../domain/contest.events';

export class ChangeContestStatusRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsUUID()
  eventId!: string;

  @ApiProperty({ enum: CONTEST_STATUSES, example: 'open' })
  @IsIn(CONTEST_STATUSES as ContestStatus[])
  status!: ContestStatus;
}
