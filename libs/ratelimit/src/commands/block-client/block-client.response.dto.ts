import { ApiProperty } from '@nestjs/swagger';
import type { BlockClientResult } from './block-client.command';

export class BlockClientResponse implements BlockClientResult {
  @ApiProperty({ format: 'uuid' }) blockId!: string;
  @ApiProperty({ example: '203.0.113.0/24' }) network!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
}
