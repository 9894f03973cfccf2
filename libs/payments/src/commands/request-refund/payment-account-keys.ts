import { describeAccount } from '../../domain/payment-account';
import { PaymentState } from '../../domain/payment.state';
import { TenantCredentials, TenantPaymentSettings } from '../../settings/tenant-payment-settings.port';
import { PaymentsError } from '../../payments.errors';

/**
 * The keys of the account the payment was made with, for calls about that payment (refunds).
 * When they are gone (the tenant removed or replaced its keys, or the platform has none any
 * more) the call is refused rather than sent to another account, which knows nothing of the
 * payment, or worse, a payment of the same id.
 */
export async function keysOfPaymentAccount(settings: TenantPaymentSettings, tenantId: string, state: PaymentState): Promise<TenantCredentials> {
  const provider = state.provider!;
  const credentials = await settings.forAccount(tenantId, provider, state.account);
  if (credentials) return credentials;
  throw new PaymentsError(
    'PAYMENTS.ACCOUNT_KEYS_GONE',
    `Payment ${state.paymentId} was made on ${describeAccount(state.account)} with ${provider}, whose keys are no longer configured; restore that account's keys or act from its own dashboard`,
    { paymentId: state.paymentId, provider, account: state.account },
  );
}
