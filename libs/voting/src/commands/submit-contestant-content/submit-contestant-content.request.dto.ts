import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_BIO_LENGTH, MAX_MEDIA_URL_LENGTH, MAX_MEDIA_URLS } from './submit-contestant-content.decide';

export class SubmitContestantContentRequest {
  @ApiPropertyOptional({ nullable: true, maxLength: MAX_BIO_LENGTH, example: 'Soul singer from Lagos.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BIO_LENGTH)
  bio?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_MEDIA_URLS, description: 'https URLs only', example: ['https://cdn.example.com/amara.jpg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEDIA_URLS)
  @IsString({ each: true })
  @MaxLength(MAX_MEDIA_URL_LENGTH, { each: true })
  mediaUrls?: string[];
}

export class ContentSubmissionResponse {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ enum: ['pending', 'approved'], description: '`approved` when a moderator or platform admin submitted it.' }) status!: 'pending' | 'approved';
}
