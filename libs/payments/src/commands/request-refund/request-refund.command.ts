import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface RequestRefundCommandInput {
  paymentId: string;
  amount: number | null;
  reason: string;
  idempotencyKey: string | null;
}

export interface RequestRefundResult {
  refundId: string;
  status: 'pending' | 'succeeded' | 'failed';
}

export class RequestRefundCommand extends TallyCommand<RequestRefundResult> {
  constructor(
    readonly input: RequestRefundCommandInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
