import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface LockScoresInput {
  contestId: string;
  phase: PhaseName;
  judgeId: string;
}

export interface LockScoresResult {
  phase: PhaseName;
  judgeId: string;
  /** SHA-256 (hex) of the judge's canonical scores and a secret salt, published now and checked at the reveal. */
  commitment: string;
  scoreCount: number;
  lockedAt: string;
}

export class LockScoresCommand extends TallyCommand<LockScoresResult> {
  constructor(
    readonly input: LockScoresInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
