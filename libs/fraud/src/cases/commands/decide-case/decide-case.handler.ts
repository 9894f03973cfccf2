import { MikroORM } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RejectHeldVoteCommand, ReleaseHeldVoteCommand, ReviewDecisionResult, VotingError } from '@tally/voting';
import { FraudError } from '../../../fraud.errors';
import { DecideCaseCommand, DecideCaseResult } from './decide-case.command';

/**
 * Finds the case in the tenant's queue (another tenant's case is not found), then sends the
 * decision to voting, which decides it on the voter's stream with its expected revision: of
 * parallel or repeated actions on one case exactly one appends, the others find the vote
 * decided and get 409 fraud-case-already-decided.
 */
@CommandHandler(DecideCaseCommand)
export class DecideCaseHandler implements ICommandHandler<DecideCaseCommand, DecideCaseResult> {
  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
  ) {}

  async execute({ input, metadata }: DecideCaseCommand): Promise<DecideCaseResult> {
    const [found] = await this.orm.em
      .getConnection('write')
      .execute<{ vote_id: string; user_id: string }[]>('select vote_id, user_id from fraud_flags where tenant_id = ? and flag_id = ?', [metadata.tenantId, input.caseId]);
    if (!found) throw new FraudError('FRAUD.CASE_NOT_FOUND', 'No such fraud case', { caseId: input.caseId });
    const vote = { voteId: found.vote_id, userId: found.user_id, reason: input.reason };
    let decided: ReviewDecisionResult;
    try {
      decided = await this.commands.execute(input.action === 'approve' ? new ReleaseHeldVoteCommand(vote, metadata) : new RejectHeldVoteCommand(vote, metadata));
    } catch (error) {
      if (error instanceof VotingError && error.code === 'VOTING.VOTE_ALREADY_DECIDED') {
        throw new FraudError('FRAUD.CASE_ALREADY_DECIDED', `The case is already decided: its vote is ${String(error.details.status)}`, { caseId: input.caseId, voteStatus: error.details.status });
      }
      throw error;
    }
    return { caseId: input.caseId, voteId: found.vote_id, status: input.action === 'approve' ? 'approved' : 'rejected', creditsReturned: decided.creditsReturned, decidedAt: decided.decidedAt };
  }
}
