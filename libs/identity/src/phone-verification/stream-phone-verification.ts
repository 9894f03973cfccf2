import { Global, Injectable, Module } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { PHONE_VERIFICATION, PhoneVerificationLookup } from '@tally/platform';
import { userDecider, userStream } from '../domain/user.stream';

/** Answers from the user's own stream (cached by revision), so a fresh verification counts at once. */
@Injectable()
export class StreamPhoneVerification implements PhoneVerificationLookup {
  constructor(private readonly runner: CommandRunner) {}

  async isPhoneVerified(tenantId: string, userId: string): Promise<boolean> {
    const { state } = await this.runner.load(userDecider, userStream(tenantId, userId));
    return state.phoneVerified;
  }
}

/** Global so that any context can inject PHONE_VERIFICATION without importing identity. */
@Global()
@Module({
  providers: [{ provide: PHONE_VERIFICATION, useClass: StreamPhoneVerification }],
  exports: [PHONE_VERIFICATION],
})
export class PhoneVerificationModule {}
