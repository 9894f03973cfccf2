import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export type CaseAction = 'approve' | 'reject';
export const CASE_ACTIONS: readonly CaseAction[] = ['approve', 'reject'];

export interface DecideCaseInput {
  caseId: string;
  action: CaseAction;
  reason: string;
}

export interface DecideCaseResult {
  caseId: string;
  voteId: string;
  /** approved: the vote counts; rejected: it never counts and its credits went back. */
  status: 'approved' | 'rejected';
  creditsReturned: number;
  decidedAt: string;
}

/** A reviewer approves or rejects a held vote's case; the decision is made on the voter's stream. */
export class DecideCaseCommand extends TallyCommand<DecideCaseResult> {
  constructor(
    readonly input: DecideCaseInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
