import { ConfigError, Env, EnvReader } from '@tally/platform';
import { isKnownCurrency } from './domain/money';
import { PriceListEntry } from './domain/pricing';
import { PROVIDER_NAMES, ProviderName } from './domain/payment.events';

/** A secret that never prints: logs and JSON see `[redacted]`; only `reveal()` gives the value. */
export class Secret {
  constructor(private readonly value: string) {}
  reveal(): string {
    return this.value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([redacted])';
  }
}

export interface ApiEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface PaymentsConfig {
  stripe: {
    secretKey?: Secret;
    webhookSecret?: Secret;
    /** Where the SDK sends API calls; absent means api.stripe.com. */
    api?: ApiEndpoint;
    webhookToleranceSeconds: number;
  };
  paystack: {
    secretKey?: Secret;
    apiUrl: string;
  };
  /** Used when a checkout names no provider; the first configured one when absent. */
  defaultProvider?: ProviderName;
  /** The price list of every tenant and event that has none of its own (so `demo` can sell out of the box). */
  defaultPriceList: { baseCurrency: string; entries: PriceListEntry[] };
  fxMaxAgeMs: number;
  /** Refund a payment automatically on an actionable early fraud warning (tenants override it with `refundOnEarlyFraudWarning`). */
  refundOnEarlyFraudWarning: boolean;
  /** Attempts of an automatic refund whose provider call failed transiently (network, 429, 5xx), and the first wait between them. */
  refundRetry: { attempts: number; baseDelayMs: number };
  webhookRetryIntervalMs: number;
  webhookMaxAttempts: number;
  reconcileIntervalMs: number;
  reconcileLookbackMs: number;
  /** How long a tenant's decrypted provider settings stay in memory (other processes see a change within this time). */
  settingsCacheMs: number;
}

export const PAYMENTS_CONFIG = Symbol('PaymentsConfig');

/** A placeholder key for a Stripe API URL that is not Stripe (a local test server needs no real key). */
const LOCAL_STRIPE_KEY = 'sk_test_tally_local';

export function loadPaymentsConfig(env: Env): PaymentsConfig {
  const read = new EnvReader(env);
  const stripeUrl = read.url('STRIPE_API_URL', ['http', 'https']);
  const stripeKey = read.optionalString('STRIPE_SECRET_KEY') ?? (stripeUrl ? LOCAL_STRIPE_KEY : undefined);
  const stripeWebhook = read.optionalString('STRIPE_WEBHOOK_SECRET');
  const paystackKey = read.optionalString('PAYSTACK_SECRET_KEY');
  const paystackUrl = read.url('PAYSTACK_API_URL', ['http', 'https'])?.toString().replace(/\/$/, '') ?? 'https://api.paystack.co';
  const defaultProvider = read.optionalString('PAYMENTS_DEFAULT_PROVIDER');
  if (defaultProvider !== undefined && !(PROVIDER_NAMES as readonly string[]).includes(defaultProvider)) {
    throw new ConfigError('PAYMENTS_DEFAULT_PROVIDER', `must be one of ${PROVIDER_NAMES.join(', ')}, got "${defaultProvider}"`);
  }
  return {
    stripe: {
      secretKey: stripeKey ? new Secret(stripeKey) : undefined,
      webhookSecret: stripeWebhook ? new Secret(stripeWebhook) : undefined,
      api: stripeUrl ? endpointOf(stripeUrl) : undefined,
      webhookToleranceSeconds: read.int('STRIPE_WEBHOOK_TOLERANCE_SECONDS', 300, { min: 1, max: 3600 }),
    },
    paystack: { secretKey: paystackKey ? new Secret(paystackKey) : undefined, apiUrl: paystackUrl },
    defaultProvider: defaultProvider as ProviderName | undefined,
    defaultPriceList: parsePriceList(read.string('PAYMENTS_DEFAULT_PRICE_LIST', 'USD:100')),
    fxMaxAgeMs: read.int('PAYMENTS_FX_MAX_AGE_HOURS', 24, { min: 1, max: 24 * 365 }) * 3_600_000,
    refundOnEarlyFraudWarning: read.bool('PAYMENTS_REFUND_ON_EARLY_FRAUD_WARNING', false),
    refundRetry: {
      attempts: read.int('PAYMENTS_REFUND_RETRY_ATTEMPTS', 5, { min: 1, max: 20 }),
      baseDelayMs: read.int('PAYMENTS_REFUND_RETRY_BASE_MS', 2000, { min: 1, max: 60_000 }),
    },
    webhookRetryIntervalMs: read.int('PAYMENTS_WEBHOOK_RETRY_MINUTES', 15, { min: 1, max: 24 * 60 }) * 60_000,
    webhookMaxAttempts: read.int('PAYMENTS_WEBHOOK_MAX_ATTEMPTS', 20, { min: 1, max: 1000 }),
    reconcileIntervalMs: read.int('PAYMENTS_RECONCILE_MINUTES', 60, { min: 1, max: 24 * 60 }) * 60_000,
    reconcileLookbackMs: read.int('PAYMENTS_RECONCILE_LOOKBACK_HOURS', 48, { min: 1, max: 24 * 90 }) * 3_600_000,
    settingsCacheMs: read.int('PAYMENTS_SETTINGS_CACHE_SECONDS', 10, { min: 0, max: 3600 }) * 1000,
  };
}

function endpointOf(url: URL): ApiEndpoint {
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/** `USD:100,EUR:95`: minor units per vote per currency; the first is the base for conversions. */
function parsePriceList(text: string): PaymentsConfig['defaultPriceList'] {
  const entries = text.split(',').map((part) => {
    const match = /^([A-Z]{3}):(\d+)$/.exec(part.trim());
    if (!match || !isKnownCurrency(match[1]) || Number(match[2]) <= 0) {
      throw new ConfigError('PAYMENTS_DEFAULT_PRICE_LIST', `must look like "USD:100,EUR:95" (minor units per vote), got "${text}"`);
    }
    return { currency: match[1], unitAmount: Number(match[2]) };
  });
  return { baseCurrency: entries[0].currency, entries };
}
