import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';

export class ReviewContestantContentRequest {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ maxLength: 500, description: 'Required to reject; shown to the organizer.' })
  @ValidateIf((body: ReviewContestantContentRequest) => body.decision === 'reject' || body.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ContentReviewResponse {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) status!: 'approved' | 'rejected';
}
