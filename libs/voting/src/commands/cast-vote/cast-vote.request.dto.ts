import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ParsedByRoute } from '@tally/platform';

/**
 * The body of POST /api/votes. The hottest route parses it with `parseCastVoteRequest` (a few
 * comparisons) instead of class-validator (metadata lookups and a class instance per request);
 * the refusals are the same 422 validation problems naming each field.
 */
@ParsedByRoute()
export class CastVoteRequest {
  @ApiProperty({ format: 'uuid' })
  contestantId!: string;

  @ApiProperty({ minimum: 1, description: 'Votes to cast; at most the event\'s maxVotesPerRequest' })
  amount!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The event; defaults to the contestant\'s event' })
  eventId?: string;
}
