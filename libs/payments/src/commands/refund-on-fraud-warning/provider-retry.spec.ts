import { PaymentsError } from '../../payments.errors';
import { isTransientProviderError, retryDelayMs } from './provider-retry';

const providerError = (providerStatus: number | null) => new PaymentsError('PAYMENTS.PROVIDER_ERROR', 'x', { provider: 'stripe', providerStatus });

describe('provider retries', () => {
  it('retries network failures, 429 and 5xx; not 4xx nor other refusals', () => {
    expect([null, 429, 500, 502, 503].map((status) => isTransientProviderError(providerError(status)))).toEqual([true, true, true, true, true]);
    expect([400, 401, 402, 404, 409].map((status) => isTransientProviderError(providerError(status)))).toEqual([false, false, false, false, false]);
    expect(isTransientProviderError(new PaymentsError('PAYMENTS.NOT_REFUNDABLE', 'x', {}))).toBe(false);
    expect(isTransientProviderError(new Error('boom'))).toBe(false);
  });

  it('backs off four times longer each time, capped at a minute', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 1000))).toEqual([1000, 4000, 16000, 60000, 60000]);
  });
});
