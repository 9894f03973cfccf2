import { Injectable } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { SubjectKeys } from '../crypto/subject-keys';
import { userDecider, userStream } from '../domain/user.stream';
import { PhoneProfile, PhoneProfiles } from './phone-profiles.port';

/** From the user's stream (cached by revision); the number is opened with the user's own key, so an erased user has none. */
@Injectable()
export class StreamPhoneProfiles implements PhoneProfiles {
  constructor(
    private readonly runner: CommandRunner,
    private readonly keys: SubjectKeys,
  ) {}

  async phoneProfile(tenantId: string, userId: string): Promise<PhoneProfile> {
    const { state } = await this.runner.load(userDecider, userStream(tenantId, userId));
    const e164 = await this.keys.open(state.phone, 'phone');
    return { e164, type: e164 ? state.phoneType : null, verifiedAt: e164 && state.phoneVerified ? state.phoneVerifiedAt : null };
  }
}
