import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NotificationKind } from '../../domain/push.events';
import type { PreferencesResult } from './set-preferences.command';

export class PreferencesResponse implements PreferencesResult {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, example: ['contest-opened'] })
  muted!: NotificationKind[];

  @ApiProperty({ type: [String], format: 'uuid', example: ['0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60'] })
  follows!: string[];
}
