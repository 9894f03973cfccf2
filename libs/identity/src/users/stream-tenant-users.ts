import { Global, Injectable, Module } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { isUuid, TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { userDecider, userStream } from '../domain/user.stream';

/**
 * Answers from the user's own stream (cached by revision), so a user who just signed up is
 * known at once. An erased user was a user: their votes stay listable.
 */
@Injectable()
export class StreamTenantUsers implements TenantUserLookup {
  constructor(private readonly runner: CommandRunner) {}

  async isUserOf(tenantId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { state } = await this.runner.load(userDecider, userStream(tenantId, userId));
    return state.status !== 'none';
  }
}

/** Global so that any context can inject TENANT_USERS without importing identity. */
@Global()
@Module({
  providers: [{ provide: TENANT_USERS, useClass: StreamTenantUsers }],
  exports: [TENANT_USERS],
})
export class TenantUsersModule {}
