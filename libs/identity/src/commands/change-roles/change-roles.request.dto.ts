import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import type { Role } from '@tally/platform';
import { ALL_ROLES } from '../../domain/roles';

export class ChangeRolesRequest {
  @ApiProperty({ enum: ALL_ROLES, isArray: true, maxItems: ALL_ROLES.length, description: 'The complete new set of roles.', example: ['voter', 'judge'] })
  @IsArray()
  @ArrayMaxSize(ALL_ROLES.length)
  @IsIn(ALL_ROLES as Role[], { each: true })
  roles!: Role[];
}
