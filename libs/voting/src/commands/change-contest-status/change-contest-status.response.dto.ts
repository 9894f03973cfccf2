import { ApiProperty } from '@nestjs/swagger';
import { CONTEST_STATUSES, ContestStatus } from '../../domain/contest.events';
import type { ChangeContestStatusResult } from './change-contest-status.command';

export class ChangeContestStatusResponse implements ChangeContestStatusResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ enum: CONTEST_STATUSES, example: 'open' })
  status!: ContestStatus;

  @ApiProperty({ description: 'False when the event already had this status (nothing changed).', example: true })
  changed!: boolean;
}
