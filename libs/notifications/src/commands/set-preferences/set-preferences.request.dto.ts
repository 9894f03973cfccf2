import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '../../domain/push.events';
import { MAX_FOLLOWS } from './set-preferences.decide';

export class SetPreferencesRequest {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Kinds not to send (empty: all of them).', example: ['contest-opened'] })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  muted!: NotificationKind[];

  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_FOLLOWS, description: 'Events to hear about even without having voted in them (their opening, closing soon, close).', example: ['0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60'] })
  @IsArray()
  @ArrayMaxSize(MAX_FOLLOWS)
  @IsUUID('all', { each: true })
  follows!: string[];
}
