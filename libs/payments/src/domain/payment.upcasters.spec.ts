import { RecordedEvent, UpcasterRegistry } from '@tally/eventstore';
import { registerPaymentUpcasters } from './payment.upcasters';

const recorded = (schemaVersion: number, data: Record<string, unknown>): RecordedEvent =>
  ({ id: 'e1', streamId: 'payment-t.p1', revision: 0, position: '1', type: 'PaymentStarted', schemaVersion, data, metadata: {}, createdAt: new Date() }) as unknown as RecordedEvent;

describe('payment upcasters', () => {
  const registry = new UpcasterRegistry();
  registerPaymentUpcasters(registry);

  it('reads a PaymentStarted v1 as made on the platform account', () => {
    expect(registry.upcast(recorded(1, { paymentId: 'p1' }))).toMatchObject({ schemaVersion: 2, data: { paymentId: 'p1', account: { owner: 'platform' } } });
  });

  it('leaves a v2 event as it is', () => {
    const account = { owner: 'tenant', keyFingerprint: 'a1b2c3d4' };
    expect(registry.upcast(recorded(2, { paymentId: 'p1', account })).data).toEqual({ paymentId: 'p1', account });
  });
});
