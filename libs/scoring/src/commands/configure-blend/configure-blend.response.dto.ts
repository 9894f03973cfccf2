import { ApiProperty } from '@nestjs/swagger';
import type { ConfigureBlendResult } from './configure-blend.command';

export class ConfigureBlendResponse implements ConfigureBlendResult {
  @ApiProperty({ example: 50 })
  juryWeight!: number;

  @ApiProperty({ example: 50 })
  publicWeight!: number;
}
