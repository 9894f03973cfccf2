import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignJudgeRequest {
  @ApiProperty({ format: 'uuid', description: 'A user of this tenant with the judge role.', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  @IsUUID() judgeId!: string;
}
