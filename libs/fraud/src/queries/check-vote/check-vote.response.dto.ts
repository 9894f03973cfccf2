import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckVoteResult } from './check-vote.query';

export class RiskFactorDto {
  @ApiProperty({ enum: ['ipVelocity', 'deviceSharing', 'geoAnomaly', 'phoneReputation', 'votePattern', 'paymentRisk'], example: 'geoAnomaly' }) signal!: 'ipVelocity' | 'deviceSharing' | 'geoAnomaly' | 'phoneReputation' | 'votePattern' | 'paymentRisk';
  @ApiProperty({ minimum: 0, maximum: 1, example: 1, description: 'The signal’s risk, 0–1' }) risk!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 45, description: 'The tenant’s weight: points at full risk' }) weight!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 45, description: 'round(weight × risk): the points this signal adds' }) contribution!: number;
  @ApiProperty({ example: '16990 km from the previous vote in 5 min (203880 km/h)' }) reason!: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true }, example: { distanceKm: 16990, minutes: 5 }, description: 'What the signal was computed from' })
  inputs!: Record<string, string | number | boolean | null>;
}

export class CheckVoteResponse implements CheckVoteResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' }) userId!: string;
  @ApiProperty({ minimum: 0, maximum: 100, example: 72, description: 'The sum of the factors’ contributions, capped at 100' }) score!: number;
  @ApiProperty({ enum: ['accept', 'hold', 'reject'], example: 'hold' }) decision!: 'accept' | 'hold' | 'reject';
  @ApiProperty({ example: 'fraud-v2' }) modelVersion!: string;
  @ApiPropertyOptional({ type: [RiskFactorDto], description: 'Organizers and platform admins only' }) factors?: RiskFactorDto[];
}
