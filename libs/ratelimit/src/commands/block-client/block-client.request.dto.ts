import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_BLOCK_SECONDS } from './block-client.decide';

export class BlockClientRequest {
  @ApiProperty({ minLength: 2, maxLength: 64, description: 'An IPv4/IPv6 address or a CIDR network (at most a /8 or a /32); stored normalised.', example: '203.0.113.0/24' })
  @IsString()
  @Length(2, 64)
  network!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_BLOCK_SECONDS, description: 'How long the block lasts, in seconds.', example: 900 })
  @IsInt()
  @Min(1)
  @Max(MAX_BLOCK_SECONDS)
  durationSeconds!: number;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'card testing from one network' })
  @IsString()
  @Length(1, 200)
  reason!: string;

  @ApiPropertyOptional({ enum: ['admin', 'edge'], default: 'admin', description: '`edge` when an edge or CDN shares a block it decided.' })
  @IsOptional()
  @IsIn(['admin', 'edge'])
  source?: 'admin' | 'edge';
}
