import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandMetadata } from '@tally/eventstore';
import { GrantCreditsCommand, GrantCreditsResult, RevokeCreditsCommand, RevokeCreditsResult, VoidVoteForFraudCommand } from '@tally/voting';
import type { DisputeCaseResolved } from '../domain/dispute.events';

/** What an effect did: `applied` is false when the voter's ledger already had it (a retry, the reactor after the request). */
export interface EffectOutcome {
  type: DisputeCaseResolved['data']['effect']['type'];
  applied: boolean;
  /** Credits that moved on the balance (+ given back, − taken back). */
  creditsMoved: number;
  /** The voter's balance after it, when the command reports one. */
  balance: number | null;
}

/**
 * Carries out a resolution's effect through the voting context's own commands, so each is an
 * event on the voter's ledger (and in the audit trail) and applies once: the grant and the revoke
 * take the case's operation id, and a void acts only on a vote still counted or held.
 */
@Injectable()
export class DisputeEffects {
  constructor(private readonly commands: CommandBus) {}

  async apply(resolved: DisputeCaseResolved['data'], metadata: CommandMetadata): Promise<EffectOutcome> {
    const { effect, userId, operationId, caseId } = resolved;
    switch (effect.type) {
      case 'none':
        return { type: 'none', applied: false, creditsMoved: 0, balance: null };
      case 'refund_credits': {
        const granted: GrantCreditsResult = await this.commands.execute(
          new GrantCreditsCommand({ userId, credits: effect.credits, grantId: operationId, source: { kind: 'admin', ref: `dispute:${caseId}` } }, metadata),
        );
        return { type: effect.type, applied: granted.applied, creditsMoved: granted.applied ? effect.credits : 0, balance: granted.balance };
      }
      case 'reverse_grant': {
        const revoked: RevokeCreditsResult = await this.commands.execute(
          new RevokeCreditsCommand({ userId, credits: effect.credits, revokeId: operationId, reason: 'dispute_upheld', ref: caseId, voidVotes: false }, metadata),
        );
        return { type: effect.type, applied: revoked.applied, creditsMoved: -revoked.revoked, balance: revoked.balance };
      }
      case 'void_vote': {
        // Voting's after-the-fact void (reason 'dispute', the case as its finding): the vote leaves the tally and its paid credits go back.
        const voided = await this.commands.execute(new VoidVoteForFraudCommand({ voteId: effect.voteId, userId, findingId: caseId, reason: `dispute ${caseId} upheld`, voidReason: 'dispute' }, metadata));
        return { type: effect.type, applied: voided.applied, creditsMoved: 0, balance: null };
      }
      default: {
        const unknown: never = effect;
        return unknown;
      }
    }
  }
}
