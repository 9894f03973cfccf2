import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ManualClock } from '@tally/platform';
import { loadPaymentsConfig } from '../../payments.config';
import { PAYMENTS_PROBLEMS } from '../../payments.errors';
import { SandboxBilling } from './sandbox-billing';
import { SandboxWebhooks } from './sandbox-webhooks';

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return `${String(error.code)} ${PAYMENTS_PROBLEMS[error.code as keyof typeof PAYMENTS_PROBLEMS].status}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the billing sandbox where the sandbox is off (production)', () => {
  // Refused before any storage or delivery is touched: neither is given.
  const off = new SandboxBilling(null as unknown as EntityManager, null as unknown as SandboxWebhooks, { ...loadPaymentsConfig({}), sandbox: { mode: 'off', reason: 'NODE_ENV=production' } }, new ManualClock('2026-03-01T12:00:00Z'));

  it('creates, bills, re-prices and cancels nothing, as a route that does not exist (404 sandbox-off)', async () => {
    expect(off.enabled).toBe(false);
    const price = { amount: 999, currency: 'USD' };
    expect(await refusal(() => off.createSubscription({ tenantId: 't1', idempotencyKey: 'k', customerUserId: 'u1', metadata: {}, price }))).toBe('PAYMENTS.SANDBOX_OFF 404');
    expect(await refusal(() => off.payOpenInvoice('t1', 'sub_sandbox_x'))).toBe('PAYMENTS.SANDBOX_OFF 404');
    expect(await refusal(() => off.changePrice('t1', 'sub_sandbox_x', price, 'k'))).toBe('PAYMENTS.SANDBOX_OFF 404');
    expect(await refusal(() => off.cancelAtPeriodEnd('t1', 'sub_sandbox_x'))).toBe('PAYMENTS.SANDBOX_OFF 404');
    expect(await off.advanceClock()).toEqual({ renewed: 0, ended: 0 });
  });
});
