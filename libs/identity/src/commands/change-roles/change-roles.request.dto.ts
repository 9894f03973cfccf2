import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import type { Role } from '@tally/platform';
import { ALL_ROLES } from '../../domain/roles';

export class ChangeRolesRequest {
  @ApiProperty({ enum: ALL_ROLES, isArray: true, maxItems: 5, description: 'The complete new set of roles.', example: ['voter', 'judge'] })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(ALL_ROLES as Role[], { each: true })
  roles!: Role[];
}
