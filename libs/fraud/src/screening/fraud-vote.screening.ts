import { Injectable } from '@nestjs/common';
import { ScreeningOutcome, ScreeningVerdict, VoteScreening, VoteScreeningInput } from '@tally/voting';
import { FraudDecision } from '../domain/fraud.events';
import { RiskScore } from '../scoring/risk-score';
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

  /** Synchronous when the score is (FraudScreener.score) and the vote is not refused: voting then waits on nothing. */
  screen(input: VoteScreeningInput): ScreeningOutcome | Promise<ScreeningOutcome> {
    const scored = this.screener.score({ tenantId: input.tenantId, userId: input.userId, clientIp: input.clientIp, deviceFingerprint: input.deviceFingerprint }, 'observe');
    return scored instanceof Promise ? scored.then(({ stored }) => this.outcome(input, stored)) : this.outcome(input, scored.stored);
  }

  private outcome(input: VoteScreeningInput, stored: RiskScore): ScreeningOutcome | Promise<ScreeningOutcome> {
    const outcome = { verdict: VERDICTS[stored.decision], record: stored };
    return stored.decision === 'reject' ? this.screenedOut.record(input, stored).then(() => outcome) : outcome;
  }
}
