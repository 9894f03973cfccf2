import { PaymentsError } from '../../payments.errors';
import { isTransientProviderError } from './provider-retry';

const providerError = (providerStatus: number | null) => new PaymentsError('PAYMENTS.PROVIDER_ERROR', 'x', { provider: 'stripe', providerStatus });

describe('provider retries', () => {
  it('retries network failures, 429 and 5xx; not 4xx nor other refusals', () => {
    expect([null, 429, 500, 502, 503].map((status) => isTransientProviderError(providerError(status)))).toEqual([true, true, true, true, true]);
    expect([400, 401, 402, 404, 409].map((status) => isTransientProviderError(providerError(status)))).toEqual([false, false, false, false, false]);
    expect(isTransientProviderError(new PaymentsError('PAYMENTS.NOT_REFUNDABLE', 'x', {}))).toBe(false);
    expect(isTransientProviderError(new Error('boom'))).toBe(false);
  });
});
