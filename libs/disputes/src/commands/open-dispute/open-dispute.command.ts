import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { DisputeKind, DisputeOpener, DisputeStatus } from '../../domain/dispute.events';

export interface OpenDisputeInput {
  /** Chosen by the caller: derived from an Idempotency-Key or the provider's dispute id, else a fresh UUIDv7. */
  caseId: string;
  kind: DisputeKind;
  voteId: string | null;
  paymentId: string | null;
  /** The voter the case is about; for a voter's own case, the caller. Staff may leave it to the payment. */
  userId: string | null;
  reason: string;
  openedBy: DisputeOpener;
  providerDisputeId: string | null;
}

export interface OpenDisputeResult {
  caseId: string;
  status: DisputeStatus;
  /** False when the case already existed (a retried request or webhook): nothing was appended. */
  created: boolean;
}

export class OpenDisputeCommand extends TallyCommand<OpenDisputeResult> {
  constructor(
    readonly input: OpenDisputeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
