import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class AddContestantRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Amara Okafor' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Lower-case letters, digits and dashes; unique in the event. When absent, made from what the public sees at the add: the name, or "contestant-<n>" where the tenant pre-moderates names (a name waiting for a moderator does not show through its slug)', example: 'amara-okafor' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @Length(1, 80)
  slug?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0190a6f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;
}
