import { DomainError } from '@tally/platform';
import { maskKey, PaymentSettingsView, planSettingsChange } from './provider-settings';

const PLATFORM_BOTH = new Set(['stripe', 'paystack'] as const);
const NONE = new Set<never>();

const onPlatform: PaymentSettingsView = {
  defaultProvider: null,
  providers: { stripe: { own: false, enabled: true, secretKey: null, webhookSecret: null }, paystack: { own: false, enabled: true, secretKey: null, webhookSecret: null } },
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PAYMENTS.INVALID_SETTINGS') return (error.details.errors as { field: string }[]).map((e) => e.field);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('payment settings plan', () => {
  it('masks keys to their kind and last four characters', () => {
    expect(maskKey('sk_test_51HabcdefghijK4242')).toBe('sk_test_…4242');
    expect(maskKey('whsec_abcdefghijklmnop9z')).toBe('whsec_…op9z');
    expect(maskKey('sk_live_short')).toBe('sk_live_…');
  });

  it('sets own keys, enabling the provider, and audits hints only', () => {
    const plan = planSettingsChange(onPlatform, { providers: { stripe: { secretKey: 'sk_test_aaaaaaaaaaaa1111', webhookSecret: 'whsec_bbbbbbbbbbbb2222' } }, defaultProvider: 'stripe' }, PLATFORM_BOTH);
    expect(plan.providers.stripe).toEqual({ own: true, enabled: true, secretKey: { set: 'sk_test_aaaaaaaaaaaa1111' }, webhookSecret: { set: 'whsec_bbbbbbbbbbbb2222' } });
    expect(plan.providers.paystack).toEqual({ own: false, enabled: true, secretKey: { keep: true }, webhookSecret: { keep: true } });
    expect(plan.changes).toEqual([
      { field: 'providers.stripe.own', from: false, to: true },
      { field: 'providers.stripe.secretKey', from: null, to: 'sk_test_…1111' },
      { field: 'providers.stripe.webhookSecret', from: null, to: 'whsec_…2222' },
      { field: 'defaultProvider', from: null, to: 'stripe' },
    ]);
    expect(JSON.stringify(plan.changes)).not.toContain('aaaaaaaa');
  });

  it('refuses incomplete or contradictory settings, naming every field', () => {
    expect(fieldsOf(() => planSettingsChange(onPlatform, { providers: { stripe: { secretKey: 'sk_test_aaaaaaaaaaaa1111' } } }, PLATFORM_BOTH))).toEqual(['providers.stripe.webhookSecret']);
    expect(fieldsOf(() => planSettingsChange(onPlatform, { providers: { stripe: { webhookSecret: 'whsec_bbbbbbbbbbbb2222' } } }, PLATFORM_BOTH))).toEqual(['providers.stripe.secretKey']);
    expect(fieldsOf(() => planSettingsChange(onPlatform, { providers: { paystack: { enabled: true } } }, NONE))).toEqual(['providers.paystack.secretKey']);
    expect(fieldsOf(() => planSettingsChange(onPlatform, { providers: { paystack: { enabled: false } }, defaultProvider: 'paystack' }, PLATFORM_BOTH))).toEqual(['defaultProvider']);
    expect(fieldsOf(() => planSettingsChange(onPlatform, { defaultProvider: 'stripe' }, NONE))).toEqual(['defaultProvider']);
  });

  it('keeps what a request leaves out, clears on null, and drops a provider back to the platform', () => {
    const own: PaymentSettingsView = { ...onPlatform, providers: { ...onPlatform.providers, stripe: { own: true, enabled: true, secretKey: 'sk_test_…1111', webhookSecret: 'whsec_…2222' } } };
    const disabled = planSettingsChange(own, { providers: { stripe: { enabled: false } } }, PLATFORM_BOTH);
    expect(disabled.providers.stripe).toEqual({ own: true, enabled: false, secretKey: { keep: true }, webhookSecret: { keep: true } });
    expect(disabled.changes).toEqual([{ field: 'providers.stripe.enabled', from: true, to: false }]);
    const dropped = planSettingsChange(own, { providers: { stripe: null } }, PLATFORM_BOTH);
    expect(dropped.providers.stripe.own).toBe(false);
    expect(dropped.changes).toEqual([{ field: 'providers.stripe.own', from: true, to: false }, { field: 'providers.stripe.secretKey', from: 'sk_test_…1111', to: null }, { field: 'providers.stripe.webhookSecret', from: 'whsec_…2222', to: null }]);
    expect(planSettingsChange(own, {}, PLATFORM_BOTH).changes).toEqual([]);
  });
});
