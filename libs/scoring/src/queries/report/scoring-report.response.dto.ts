import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALCULATION_METHODS, PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import { ScoringBlendResponse, ScoringLeaderboardItemResponse } from '../leaderboard/scoring-leaderboard.response.dto';

export class ReportScoreTypeResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' }) scoreTypeId!: string;
  @ApiProperty({ example: 'Vocal technique' }) name!: string;
  @ApiProperty({ example: 1 }) scaleMin!: number;
  @ApiProperty({ example: 10 }) scaleMax!: number;
  @ApiProperty({ example: 2 }) weight!: number;
  @ApiProperty({ enum: CALCULATION_METHODS, example: 'z-score' }) calculationMethod!: string;
}

export class ReportPhaseResponse {
  @ApiProperty({ enum: PHASE_NAMES, example: 'final' }) phase!: PhaseName;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.25 }) carryOver!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { '0190a6f5-1111-7aaa-8bbb-0123456789ab': 3 } }) weights!: Record<string, number>;
  @ApiProperty({ example: true }) closed!: boolean;
  @ApiProperty({ type: [String], example: ['0190a6f6-2222-7ccc-8ddd-0123456789ab'] }) judges!: string[];
}

export class ReportTypeScoreResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' }) scoreTypeId!: string;
  @ApiProperty({ minimum: 0, maximum: 100, description: "Mean of the judges' normalised scores.", example: 75 }) normalised!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Its weighted share of the phase score.', example: 30 }) weighted!: number;
}

export class ReportContestantPhaseResponse {
  @ApiProperty({ enum: PHASE_NAMES, example: 'final' }) phase!: PhaseName;
  @ApiProperty({ description: 'Sum of the weighted type scores.', example: 62.5 }) score!: number;
  @ApiProperty({ description: "Sum of the organizers' adjustments (points).", example: 5 }) adjustment!: number;
  @ApiProperty({ description: 'score + adjustment, within 0–100.', example: 67.5 }) adjusted!: number;
  @ApiProperty({ description: 'With the carry-over of earlier phases.', example: 66.25 }) cumulative!: number;
  @ApiProperty({ type: [ReportTypeScoreResponse] }) types!: ReportTypeScoreResponse[];
}

export class ReportContestantResponse extends ScoringLeaderboardItemResponse {
  @ApiProperty({ type: [ReportContestantPhaseResponse] }) phases!: ReportContestantPhaseResponse[];
}

export class ReportAdjustmentResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-3333-7eee-8fff-0123456789ab' }) adjustmentId!: string;
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' }) phase!: PhaseName;
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' }) contestantId!: string;
  @ApiProperty({ example: 5 }) points!: number;
  @ApiProperty({ example: 'Microphone failure during the song' }) reason!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The organizer who made it.', example: '0190a6f1-0000-7000-8000-000000000001' }) by!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' }) at!: string;
}

export class ScoringReportResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' }) eventId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T20:00:00.000Z' }) revealedAt!: string;
  @ApiProperty({ example: false }) finalised!: boolean;
  @ApiProperty({ type: ScoringBlendResponse }) blend!: ScoringBlendResponse;
  @ApiProperty({ type: [ReportScoreTypeResponse] }) scoreTypes!: ReportScoreTypeResponse[];
  @ApiProperty({ type: [ReportPhaseResponse] }) phases!: ReportPhaseResponse[];
  @ApiProperty({ type: [ReportContestantResponse], description: 'In blended rank order.' }) contestants!: ReportContestantResponse[];
  @ApiProperty({ type: [ReportAdjustmentResponse] }) adjustments!: ReportAdjustmentResponse[];
}
