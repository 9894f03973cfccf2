import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { CaseAction } from '../decide-case/decide-case.command';

export interface BulkDecideCasesInput {
  caseIds: string[];
  action: CaseAction;
  reason: string;
}

/** How one case of a bulk action went: decided, or the problem that refused it. */
export interface BulkCaseOutcome {
  caseId: string;
  outcome: 'approved' | 'rejected' | 'refused';
  creditsReturned?: number;
  problem?: { type: string; status: number; title: string; detail: string };
}

export interface BulkDecideCasesResult {
  action: CaseAction;
  decided: number;
  refused: number;
  results: BulkCaseOutcome[];
}

/** Many cases decided at once; each is its own decision, so one refusal does not stop the others. */
export class BulkDecideCasesCommand extends TallyCommand<BulkDecideCasesResult> {
  constructor(
    readonly input: BulkDecideCasesInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
