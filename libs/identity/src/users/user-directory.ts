import { Injectable } from '@nestjs/common';
import { CommandMetadata, CommandRunner } from '@tally/eventstore';
import { Clock } from '@tally/platform';
import { decideClaim, decideRelease, identifierClaimDecider, identifierClaimStream, IdentifierKind } from '../domain/identifier-claim';
import { userDecider, userStream } from '../domain/user.stream';
import type { UserState } from '../domain/user.state';

/** A claim older than this whose user never appeared is considered abandoned (crash mid sign-up). */
const ORPHAN_AFTER_MS = 60_000;

/**
 * Finds users by their identifiers through the claim streams (strongly consistent, unlike the
 * `users` read model), and claims or releases identifiers.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly runner: CommandRunner) {}

  async userIdBy(kind: IdentifierKind, tenantId: string, hash: string): Promise<string | null> {
    const { state } = await this.runner.load(identifierClaimDecider, identifierClaimStream(kind, tenantId, hash));
    return state.userId;
  }

  async load(tenantId: string, userId: string): Promise<{ state: UserState; revision: number }> {
    return this.runner.load(userDecider, userStream(tenantId, userId));
  }

  async claim(kind: IdentifierKind, hash: string, userId: string, metadata: CommandMetadata, clock: Clock): Promise<void> {
    const streamId = identifierClaimStream(kind, metadata.tenantId, hash);
    const { state } = await this.runner.load(identifierClaimDecider, streamId);
    const holder = state.userId && state.userId !== userId ? state.userId : null;
    const holderExists = holder ? (await this.load(metadata.tenantId, holder)).state.status !== 'none' : true;
    await this.runner.run(
      {
        decider: identifierClaimDecider,
        streamId,
        // Only the holder just checked may be treated as orphaned; any other is assumed real.
        decide: (current) => decideClaim(current, { kind, userId, now: clock.now(), holderExists: current.userId === holder ? holderExists : true, orphanAfterMs: ORPHAN_AFTER_MS }),
      },
      metadata,
    );
  }

  async release(kind: IdentifierKind, hash: string, userId: string, metadata: CommandMetadata, clock: Clock): Promise<void> {
    await this.runner.run(
      { decider: identifierClaimDecider, streamId: identifierClaimStream(kind, metadata.tenantId, hash), decide: (state) => decideRelease(state, kind, userId, clock.now()) },
      metadata,
    );
  }
}
