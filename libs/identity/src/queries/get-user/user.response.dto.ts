import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '@tally/platform';
import { ALL_ROLES } from '../../domain/roles';
import type { UserView } from './get-user.query';

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  userId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'email', description: 'null once the user is erased.', example: 'ada@example.com' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'E.164.', example: '+14155552671' })
  phone!: string | null;

  @ApiProperty({ example: false })
  phoneVerified!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Line type from the carrier lookup, when one was made.', example: 'mobile' })
  phoneType!: string | null;

  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['voter'] })
  roles!: Role[];

  @ApiProperty({ enum: ['active', 'blocked', 'erased'], example: 'active' })
  status!: 'active' | 'blocked' | 'erased';
}
