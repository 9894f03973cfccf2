import { RecordedEvent } from '@tally/eventstore';
import { money } from '../domain/money';
import { PaymentState } from '../domain/payment.state';
import type { PaymentView } from './payment.view';

export interface PaymentPage {
  items: PaymentView[];
  nextCursor: string | null;
}

/** A payment as its stream has it: what GET /api/payments/{id} answers, and what the history row becomes. */
export function paymentViewOf(paymentId: string, state: PaymentState & { amount: NonNullable<PaymentState['amount']> }): PaymentView {
  return {
    paymentId,
    userId: state.voterId,
    eventId: state.contestId,
    votes: state.votes,
    amount: state.amount,
    refunded: money(state.refunded + state.disputeLosses, state.amount.currency),
    status: state.status,
    provider: state.provider,
    providerPaymentId: state.providerPaymentId,
    creditsHeld: state.creditsHeld,
    fraudWarnedAt: state.fraudWarnings[0]?.at ?? null,
    createdAt: state.startedAt,
    updatedAt: state.updatedAt,
  };
}

/**
 * The payments of `voterId` that events the payments read model has not applied yet may change
 * or add: those whose unapplied events name the voter (a new payment's PaymentStarted, its
 * completion), and those already on the page (the events of a later hold name no voter).
 */
export function ownPaymentsTouched(unapplied: readonly RecordedEvent[], voterId: string, page: PaymentPage): string[] {
  const onPage = new Set(page.items.map((item) => item.paymentId));
  const touched = new Set<string>();
  for (const event of unapplied) {
    const data = event.data as { paymentId?: unknown; voterId?: unknown };
    if (typeof data.paymentId !== 'string') continue;
    if (data.voterId === voterId || onPage.has(data.paymentId)) touched.add(data.paymentId);
  }
  return [...touched];
}

/**
 * The first page of the caller's payment history with the payments the read model has not caught
 * up with taken from their streams (`fresh`): a row it has is replaced by the stream's newer
 * state, a payment it lacks is added, in the history's order (newest first). When that pushes
 * rows off the page, the cursor continues after the last one shown.
 */
export function withOwnUnprojectedPayments(page: PaymentPage, fresh: readonly PaymentView[], limit: number, cursorOf: (view: PaymentView) => string): PaymentPage {
  if (fresh.length === 0) return page;
  const byId = new Map(page.items.map((item) => [item.paymentId, item]));
  for (const view of fresh) byId.set(view.paymentId, view);
  const merged = [...byId.values()].sort(newestFirst);
  if (merged.length <= limit) return { items: merged, nextCursor: page.nextCursor };
  const items = merged.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]) };
}

/** The history's order: `timestamp desc, payment_id desc` (createdAt is the row's timestamp). */
function newestFirst(a: PaymentView, b: PaymentView): number {
  const at = (b.createdAt ?? '').localeCompare(a.createdAt ?? '');
  return at !== 0 ? at : b.paymentId.localeCompare(a.paymentId);
}
