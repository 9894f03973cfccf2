import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { RevealedCommitment } from '../../domain/judging.events';

export interface RevealScoresInput {
  contestId: string;
}

export interface RevealScoresResult {
  revealedAt: string;
  reveals: RevealedCommitment[];
}

export class RevealScoresCommand extends TallyCommand<RevealScoresResult> {
  constructor(
    readonly input: RevealScoresInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
