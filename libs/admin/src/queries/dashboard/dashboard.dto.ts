import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class DashboardRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: this tenant only (default: every tenant). Others: their own; another id is 404.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3600, default: 60, description: 'The window of the live vote rate, in seconds.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  windowSeconds?: number;
}

export class LiveVotesResponse {
  @ApiProperty() windowSeconds!: number;
  @ApiProperty({ description: 'Votes cast in the window (amounts).' }) votes!: number;
  @ApiProperty() votesPerSecond!: number;
}

export class RevenueResponse {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'Minor units.' }) gross!: number;
  @ApiProperty({ description: 'Minor units.' }) refunded!: number;
  @ApiProperty({ description: 'Minor units.' }) net!: number;
  @ApiProperty() payments!: number;
}

export class HeldVotesResponse {
  @ApiProperty({ description: 'Votes waiting for review.' }) count!: number;
  @ApiProperty({ description: 'Their amounts.' }) votes!: number;
}

export class QueueDepthResponse {
  @ApiProperty({ description: 'Votes not yet in every read model (platform-wide).' }) pending!: number;
  @ApiProperty() retrying!: number;
  @ApiProperty() dead!: number;
}

export class ContestTotalResponse {
  @ApiProperty({ format: 'uuid' }) contestId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Accepted votes.' }) votes!: number;
  @ApiProperty() voters!: number;
}

export class DashboardResponse {
  @ApiProperty({ type: String, nullable: true, description: 'null: every tenant.' }) tenantId!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: LiveVotesResponse }) live!: LiveVotesResponse;
  @ApiProperty({ type: [RevenueResponse], description: 'Per currency.' }) revenue!: RevenueResponse[];
  @ApiProperty({ type: HeldVotesResponse }) heldVotes!: HeldVotesResponse;
  @ApiProperty({ type: QueueDepthResponse }) queue!: QueueDepthResponse;
  @ApiProperty({ type: [ContestTotalResponse], description: 'The five contests with most accepted votes.' }) topContests!: ContestTotalResponse[];
}
