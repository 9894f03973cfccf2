import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ChangePlanRequest {
  @ApiProperty({ format: 'uuid', description: 'The plan to move to.', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f62' })
  @IsUUID()
  planId!: string;
}
