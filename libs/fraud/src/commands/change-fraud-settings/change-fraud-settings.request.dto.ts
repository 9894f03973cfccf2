import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { FraudSettings, SignalName } from '../../domain/fraud.events';

/** Points each signal adds to the score at full risk (0 mutes it). */
export class FraudWeightsDto implements Record<SignalName, number> {
  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'Many votes or accounts behind one address' }) @IsInt() @Min(0) @Max(100) ipVelocity!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 35, description: 'Accounts sharing devices and addresses' }) @IsInt() @Min(0) @Max(100) deviceSharing!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 45, description: 'Impossible travel between votes' }) @IsInt() @Min(0) @Max(100) geoAnomaly!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 30, description: 'VOIP, toll-free, premium numbers; number blocks; fresh verification' }) @IsInt() @Min(0) @Max(100) phoneReputation!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 45, description: 'Rapid, metronomic votes; bursts after buying credits' }) @IsInt() @Min(0) @Max(100) votePattern!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 35, description: 'Refunds, disputes, issuers’ fraud warnings' }) @IsInt() @Min(0) @Max(100) paymentRisk!: number;
}

export class FraudSettingsDto implements FraudSettings {
  @ApiProperty({ type: FraudWeightsDto })
  @ValidateNested()
  @Type(() => FraudWeightsDto)
  weights!: FraudWeightsDto;

  @ApiProperty({ minimum: 0, maximum: 100, example: 65, description: 'Scores from here up are recorded but held for review (not counted)' })
  @IsInt()
  @Min(0)
  @Max(100)
  holdAt!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 75, description: 'Scores from here up are refused (403 vote-rejected); at least holdAt' })
  @IsInt()
  @Min(0)
  @Max(100)
  rejectAt!: number;
}
