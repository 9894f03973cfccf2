import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ParsedByRoute } from '@tally/platform';

/**
 * The body of POST /api/votes. The hottest route parses it with `parseCastVoteRequest` (a few
 * comparisons) instead of class-validator (metadata lookups and a class instance per request);
 * the refusals are the same 422 validation problems naming each field.
 */
@ParsedByRoute()
export class CastVoteRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Votes to cast; at most the event\'s maxVotesPerRequest', example: 10 })
  amount!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The event; defaults to the contestant\'s event', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId?: string;
}
