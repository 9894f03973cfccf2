import { Money } from '../domain/money';

/** One payment as the history lists it and GET /api/payments/{id} answers it (with creditsApplied there). */
export interface PaymentView {
  paymentId: string;
  userId: string;
  eventId: string | null;
  votes: number;
  amount: Money;
  refunded: Money;
  status: string;
  provider: string | null;
  providerPaymentId: string | null;
  /** Credits held off the voter's balance while a dispute or early fraud warning is unresolved. */
  creditsHeld: number;
  /** When the provider first warned that the card issuer reported fraud; null when it never did. */
  fraudWarnedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}
