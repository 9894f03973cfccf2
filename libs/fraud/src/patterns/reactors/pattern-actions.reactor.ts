import { CommandBus } from '@nestjs/cqrs';
import { metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { HoldVoteForReviewCommand, VoidVoteForFraudCommand } from '@tally/voting';
import { SuspiciousPatternDetected } from '../domain/suspicious-pattern.events';

/**
 * Carries out a finding: each of its votes is voided (a compensating VoteVoided, reason fraud)
 * or held for review (VoteHeldForReview, a new case), on the voter's stream. Replayed at least
 * once: the voting commands do nothing for a vote already voided, held, refunded or rejected,
 * so a crash between two votes only repeats no-ops.
 */
@RegisteredReactor()
export class PatternActionsReactor implements Reactor {
  readonly name = 'fraud.pattern-actions';
  readonly filter = { streamPrefixes: ['fraudcase-'], eventTypes: ['SuspiciousPatternDetected'] };

  constructor(private readonly commands: CommandBus) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const finding = (recorded as RecordedEvent & SuspiciousPatternDetected).data;
    const metadata = metadataCausedBy(recorded);
    const reason = `${finding.patternType} from ${finding.evidence.clientIp}: ${finding.evidence.accounts} accounts, gap cv ${finding.evidence.gapCv}`;
    for (const vote of finding.votes) {
      const input = { voteId: vote.voteId, userId: vote.userId, findingId: finding.findingId, reason };
      await this.commands.execute(finding.action === 'void' ? new VoidVoteForFraudCommand(input, metadata) : new HoldVoteForReviewCommand(input, metadata));
    }
  }
}
