import { Injectable } from '@nestjs/common';
import { ScreeningOutcome, ScreeningVerdict, VoteScreening, VoteScreeningInput } from '@tally/voting';
import { FraudDecision } from '../domain/fraud.events';
import { FraudScreener } from './fraud-screener';

const VERDICTS: Record<FraudDecision, ScreeningVerdict> = { accept: 'allow', hold: 'hold', reject: 'reject' };

/** Voting's screening port answered by the fraud scorer; the score and its factors go into the vote's VoteCast. */
@Injectable()
export class FraudVoteScreening implements VoteScreening {
  constructor(private readonly screener: FraudScreener) {}

  async screen(input: VoteScreeningInput): Promise<ScreeningOutcome> {
    const scored = await this.screener.score({ tenantId: input.tenantId, userId: input.userId, clientIp: input.clientIp, deviceFingerprint: input.deviceFingerprint }, 'observe');
    return { verdict: VERDICTS[scored.decision], record: scored };
  }
}
