import type { UpcasterRegistry } from '@tally/eventstore';
import { PLATFORM_ACCOUNT } from './payment-account';
import { PAYMENT_STARTED_SCHEMA_VERSION } from './payment.events';

/**
 * Stored payment events are never rewritten: older shapes are lifted on read.
 * PaymentStarted v1 (before payments recorded their provider account) was always made with the
 * platform's keys or with the tenant's keys of the time, which nothing recorded; the platform's
 * account is the only one it can be attributed to without guessing.
 */
export function registerPaymentUpcasters(registry: UpcasterRegistry): void {
  registry.register('PaymentStarted', 1, PAYMENT_STARTED_SCHEMA_VERSION, (data) => {
    const v1 = data as Record<string, unknown>;
    return { ...v1, account: v1.account ?? PLATFORM_ACCOUNT };
  });
}
