import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CONTEST_STATUSES } from '../../domain/contest.events';
import type { ContestView } from './get-contest.query';

@ApiSchema({ name: 'ContestSettings', description: 'The settings in force, defaults filled in.' })
export class ContestSettingsResponse {
  @ApiProperty({ minimum: 0, example: 0 })
  freeVotesPerDay!: number;

  @ApiProperty({ minimum: 1, example: 100 })
  maxVotesPerRequest!: number;

  @ApiProperty({ example: false })
  requireVerifiedPhone!: boolean;

  @ApiProperty({ description: '"close", "never" or an ISO-8601 instant.', example: 'close' })
  refundableUntil!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', enum: ['free', 'subscription', 'credits'] }, description: 'The order a vote spends its sources in.', example: ['free', 'subscription', 'credits'] })
  spendingOrder!: string[];
}

@ApiSchema({ name: 'ContestCategory' })
export class ContestCategoryResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f' })
  categoryId!: string;

  @ApiProperty({ example: 'Best Vocalist' })
  name!: string;

  @ApiProperty({ minimum: 0, example: 1 })
  weight!: number;

  @ApiProperty({
    type: 'object',
    properties: { maxVotesPerRequest: { type: 'integer', minimum: 1 }, maxVotesPerVoter: { type: 'integer', minimum: 1 } },
    description: 'Limits of this category; absent ones fall back to the event.',
    example: { maxVotesPerVoter: 50 },
  })
  rules!: Record<string, unknown>;
}

@ApiSchema({ name: 'ContestContestant' })
export class ContestContestantResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ description: 'The name as given (post-moderated by default), or "Contestant <n>" (its number in the event) once a moderator rejected it or, where the tenant pre-moderates names, until one approves it.', example: 'Amara Okafor' })
  name!: string;

  @ApiProperty({ example: 'amara-okafor' })
  slug!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0190a6f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f' })
  categoryId!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The approved bio; absent until a moderator approves some content.', example: 'Soul singer from Lagos.' })
  bio?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'The approved media URLs; absent until a moderator approves some content.', example: ['https://cdn.example.com/amara.jpg'] })
  mediaUrls?: string[];
}

/** An event ("contest" in the code) with its categories and contestants. */
export class ContestResponse implements ContestView {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ example: 'Gala Awards 2025' })
  name!: string;

  @ApiProperty({ enum: CONTEST_STATUSES, example: 'open' })
  status!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T18:00:00.000Z' })
  startDate!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-08T22:00:00.000Z' })
  endDate!: string;

  @ApiProperty({ minimum: 1, description: 'The most votes one voter may cast in the event.', example: 100 })
  voteCap!: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  currency!: string;

  @ApiProperty({ type: ContestSettingsResponse })
  settings!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2025-02-20T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: [ContestCategoryResponse] })
  categories!: ContestCategoryResponse[];

  @ApiProperty({ type: [ContestContestantResponse] })
  contestants!: ContestContestantResponse[];
}
