import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export class CastVoteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contestantId!: string;

  @ApiProperty({ minimum: 1, description: 'Votes to cast; at most the event\'s maxVotesPerRequest' })
  @IsInt()
  @Min(1)
  amount!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The event; defaults to the contestant\'s event' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}
