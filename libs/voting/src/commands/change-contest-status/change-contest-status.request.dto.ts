import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { CONTEST_STATUSES, ContestStatus } from '../../domain/contest.events';

export class ChangeContestStatusRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  eventId!: string;

  @ApiProperty({ enum: CONTEST_STATUSES })
  @IsIn(CONTEST_STATUSES as ContestStatus[])
  status!: ContestStatus;
}
