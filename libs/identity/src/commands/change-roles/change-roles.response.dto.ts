import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '@tally/platform';
import { ALL_ROLES } from '../../domain/roles';

export class ChangeRolesResponse {
  @ApiProperty({ enum: ALL_ROLES, isArray: true, description: 'The roles the user has now.', example: ['voter', 'judge'] })
  roles!: Role[];
}
