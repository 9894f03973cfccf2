import { ApiProperty } from '@nestjs/swagger';

export class BlockResponse {
  @ApiProperty({ format: 'uuid' }) blockId!: string;
  @ApiProperty({ example: '203.0.113.0/24', description: 'Normalised: IPv4 dotted, IPv6 in RFC 5952 form, host bits cleared; a bare address is one client.' }) network!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['admin', 'edge'] }) source!: 'admin' | 'edge';
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class BlockPageResponse {
  @ApiProperty({ type: [BlockResponse] }) items!: BlockResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor!: string | null;
}
