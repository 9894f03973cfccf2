import { RecordedEvent } from '@tally/eventstore';
import { money } from '../domain/money';
import { ownPaymentsTouched, PaymentPage, withOwnUnprojectedPayments } from './own-payments.view';
import type { PaymentView } from './payment.view';

const ME = '0190a6f1-0000-7000-8000-000000000001';
const OTHER = '0190a6f1-0000-7000-8000-000000000002';
const id = (n: number): string => `0190a6f9-0000-7000-8000-${String(n).padStart(12, '0')}`;

function view(n: number, minute: number, status = 'completed'): PaymentView {
  const at = `2026-03-01T12:${String(minute).padStart(2, '0')}:00.000Z`;
  return { paymentId: id(n), userId: ME, eventId: null, votes: 10, amount: money(1000, 'USD'), refunded: money(0, 'USD'), status, provider: 'sandbox', providerPaymentId: `pi_${n}`, creditsHeld: 0, fraudWarnedAt: null, createdAt: at, updatedAt: at };
}

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return { id: id(900), streamId: `payment-t1.${String(data.paymentId)}`, revision: 0, position: '1', type, schemaVersion: 1, data, metadata: { tenantId: 't1', actorId: null, clientIp: null, correlationId: 'c', causationId: null }, createdAt: new Date() };
}

const cursorOf = (item: PaymentView): string => `${item.createdAt}|${item.paymentId}`;

describe('ownPaymentsTouched', () => {
  it("takes the caller's payments named by unapplied events, and any event of a payment already on the page", () => {
    const page: PaymentPage = { items: [view(1, 1)], nextCursor: null };
    const events = [
      recorded('PaymentStarted', { paymentId: id(2), voterId: ME }),
      recorded('PaymentStarted', { paymentId: id(3), voterId: OTHER }),
      recorded('PaymentCreditsHeld', { paymentId: id(1), credits: 3 }),
      recorded('PaymentCompleted', { paymentId: id(2), voterId: ME }),
    ];
    expect(ownPaymentsTouched(events, ME, page)).toEqual([id(2), id(1)]);
  });
});

describe('withOwnUnprojectedPayments', () => {
  it('puts a payment the read model lacks in front and replaces a row by its newer state', () => {
    const page: PaymentPage = { items: [view(2, 2, 'pending'), view(1, 1)], nextCursor: null };
    const merged = withOwnUnprojectedPayments(page, [view(3, 3, 'pending'), view(2, 2, 'completed')], 10, cursorOf);
    expect(merged.items.map((item) => [item.paymentId, item.status])).toEqual([
      [id(3), 'pending'],
      [id(2), 'completed'],
      [id(1), 'completed'],
    ]);
    expect(merged.nextCursor).toBeNull();
  });

  it('keeps the page size and continues after the last payment shown', () => {
    const page: PaymentPage = { items: [view(2, 2), view(1, 1)], nextCursor: 'read-model-cursor' };
    const merged = withOwnUnprojectedPayments(page, [view(3, 3)], 2, cursorOf);
    expect(merged.items.map((item) => item.paymentId)).toEqual([id(3), id(2)]);
    expect(merged.nextCursor).toBe(cursorOf(view(2, 2)));
  });

  it("is the read model's page when nothing is behind", () => {
    const page: PaymentPage = { items: [view(1, 1)], nextCursor: 'c' };
    expect(withOwnUnprojectedPayments(page, [], 1, cursorOf)).toBe(page);
    // A replaced row keeps a full page's cursor.
    expect(withOwnUnprojectedPayments(page, [view(1, 1, 'refunded')], 1, cursorOf)).toEqual({ items: [view(1, 1, 'refunded')], nextCursor: 'c' });
  });
});
