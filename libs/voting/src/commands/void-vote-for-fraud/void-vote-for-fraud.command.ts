import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { PatternActionInput, PatternActionResult } from '../hold-vote-for-review/hold-vote-for-review.command';

/** A vote found in a suspicious pattern is voided after the fact: a compensating VoteVoided (reason 'fraud'). */
export class VoidVoteForFraudCommand extends TallyCommand<PatternActionResult> {
  constructor(
    readonly input: PatternActionInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
