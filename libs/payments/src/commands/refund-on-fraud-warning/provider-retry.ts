import { PaymentsError } from '../../payments.errors';

/**
 * A provider failure worth trying again: the provider could not be reached (no status), was
 * overloaded (429) or failed on its side (5xx). A 4xx is an answer, and asking again would
 * get the same one.
 */
export function isTransientProviderError(error: unknown): boolean {
  if (!(error instanceof PaymentsError) || error.code !== 'PAYMENTS.PROVIDER_ERROR') return false;
  const status = error.details.providerStatus;
  return status === null || status === undefined || status === 429 || (typeof status === 'number' && status >= 500);
}
