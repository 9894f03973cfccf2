import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageRequest } from '@tally/platform';

export class AdminVotesRequest extends PageRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: this tenant only (default: every tenant). Others: their own; another id is 404.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contestId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contestantId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;

  @ApiPropertyOptional({ enum: ['accepted', 'held', 'refunded', 'voided', 'rejected'] })
  @IsOptional()
  @IsIn(['accepted', 'held', 'refunded', 'voided', 'rejected'])
  status?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Cast from this instant (inclusive).' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Cast before this instant.' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class AdminVoteResponse {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) contestId!: string;
  @ApiProperty({ format: 'uuid' }) contestantId!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() freeAmount!: number;
  @ApiProperty() paidAmount!: number;
  @ApiProperty({ enum: ['free', 'paid', 'mixed'] }) channel!: string;
  @ApiProperty({ enum: ['accepted', 'held', 'refunded', 'voided', 'rejected'] }) status!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was refunded, voided or rejected.' }) undoneAt!: string | null;
}

export class AdminVotePageResponse {
  @ApiProperty({ type: [AdminVoteResponse], description: 'Newest first.' }) items!: AdminVoteResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
