import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PaymentStatus } from '../../domain/payment.events';
import { SandboxOutcome } from '../../providers/sandbox/sandbox-cards';

export interface CompleteSandboxPaymentInput {
  paymentId: string;
  outcome: SandboxOutcome;
  /** The test card paid with (no spaces), or null. */
  card: string | null;
}

export interface CompleteSandboxPaymentResult {
  paymentId: string;
  provider: 'sandbox';
  sandbox: true;
  outcome: SandboxOutcome;
  /** The payment's status once the webhook was processed. */
  status: PaymentStatus;
  /** The signed delivery the sandbox sent to the webhook route, and the route's answer. */
  webhook: { eventId: string; eventType: string; outcome: string; duplicate: boolean };
}

export class CompleteSandboxPaymentCommand extends TallyCommand<CompleteSandboxPaymentResult> {
  constructor(
    readonly input: CompleteSandboxPaymentInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
