import { Injectable } from '@nestjs/common';
import { ScreeningOutcome, ScreeningVerdict, VoteScreening, VoteScreeningInput } from '@tally/voting';
import { FraudDecision } from '../domain/fraud.events';
import { FraudScreener } from './fraud-screener';
import { ScreenedOutRecorder } from './screened-out.recorder';

const VERDICTS: Record<FraudDecision, ScreeningVerdict> = { accept: 'allow', hold: 'hold', reject: 'reject' };

/**
 * Voting's screening port answered by the fraud scorer. The score and its factors go into the
 * vote's VoteCast; a rejected vote gets none, so its decision is recorded as VoteScreenedOut.
 */
@Injectable()
export class FraudVoteScreening implements VoteScreening {
  constructor(
    private readonly screener: FraudScreener,
    private readonly screenedOut: ScreenedOutRecorder,
  ) {}

  async screen(input: VoteScreeningInput): Promise<ScreeningOutcome> {
    const { stored } = await this.screener.score({ tenantId: input.tenantId, userId: input.userId, clientIp: input.clientIp, deviceFingerprint: input.deviceFingerprint }, 'observe');
    if (stored.decision === 'reject') await this.screenedOut.record(input, stored);
    return { verdict: VERDICTS[stored.decision], record: stored };
  }
}
