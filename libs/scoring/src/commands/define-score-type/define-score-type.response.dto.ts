import { ApiProperty } from '@nestjs/swagger';
import type { DefineScoreTypeResult } from './define-score-type.command';

export class DefineScoreTypeResponse implements DefineScoreTypeResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' })
  scoreTypeId!: string;
}
