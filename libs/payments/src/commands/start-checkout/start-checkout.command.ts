import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { Money } from '../../domain/money';
import { PaymentProviderName } from '../../domain/payment.events';

export interface StartCheckoutInput {
  voterId: string;
  contestId: string | null;
  votes: number;
  currency: string;
  provider: PaymentProviderName | null;
  country: string | null;
  email: string | null;
  /** The client's Idempotency-Key; a retry with the same key returns the same payment. */
  idempotencyKey: string | null;
}

export interface StartCheckoutResult {
  paymentId: string;
  provider: PaymentProviderName;
  clientSecret: string | null;
  checkoutUrl: string | null;
  amount: Money;
  net: Money;
  tax: Money;
  votes: number;
  replayed: boolean;
}

export class StartCheckoutCommand extends TallyCommand<StartCheckoutResult> {
  constructor(
    readonly input: StartCheckoutInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
