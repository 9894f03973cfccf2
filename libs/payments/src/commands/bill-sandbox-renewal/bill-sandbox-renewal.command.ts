import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { Actor } from '@tally/platform';
import { SandboxChargeOutcome, SandboxSubscriptionStatus } from '../../providers/sandbox/sandbox-subscription';

export interface BillSandboxRenewalInput {
  /** The sandbox's subscription id (`sub_sandbox_…`, the subscription's providerSubscriptionId). */
  subscriptionId: string;
  outcome: SandboxChargeOutcome;
  actor: Actor;
}

export interface BillSandboxRenewalResult {
  subscriptionId: string;
  sandbox: true;
  outcome: SandboxChargeOutcome;
  /** The sandbox subscription after the attempt. */
  status: SandboxSubscriptionStatus;
  currentPeriodEnd: string;
  invoice: { invoiceId: string; amountDue: number; currency: string; attemptCount: number; paid: boolean; periodStart: string; periodEnd: string };
  /** Each signed delivery and the billing webhook route's answer, in order. */
  webhooks: { eventId: string; eventType: string; outcome: string; duplicate: boolean }[];
}

export class BillSandboxRenewalCommand extends TallyCommand<BillSandboxRenewalResult> {
  constructor(
    readonly input: BillSandboxRenewalInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
