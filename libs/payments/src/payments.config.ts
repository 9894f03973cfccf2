import { join } from 'node:path';
import { ConfigError, configuredOrKeptSecret, Env, EnvReader, PlatformConfig } from '@tally/platform';
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
  /** The local payment sandbox (`providers/sandbox`), which grants credits for pretend money. */
  sandbox: SandboxConfig;
  /** How often the billing sandbox's clock renews or ends sandbox subscriptions whose period is over. */
  sandboxBillingIntervalMs: number;
}

/**
 * `off`: never offered (NODE_ENV=production, PAYMENTS_SANDBOX=false, or platform keys with
 * PAYMENTS_SANDBOX unset). `auto`: offered to tenants with no provider while no tenant has keys
 * of its own either (a tenant's own keys mean a real deployment, where a stray sandbox would
 * hand out free votes). `on` (PAYMENTS_SANDBOX=true): offered to every tenant that has no
 * provider. The webhook secret signs and verifies the sandbox's deliveries.
 */
export type SandboxConfig = { mode: 'off'; reason: string } | { mode: 'auto' | 'on'; webhookSecret: Secret };

export const PAYMENTS_CONFIG = Symbol('PaymentsConfig');

/** A placeholder key for a Stripe API URL that is not Stripe (a local test server needs no real key). */
const LOCAL_STRIPE_KEY = 'sk_test_tally_local';

/**
 * `platform` names the data directory that keeps the generated sandbox secret and whether this
 * is production; without it (unit tests of other settings) the sandbox is off.
 */
export function loadPaymentsConfig(env: Env, platform?: Pick<PlatformConfig, 'dataDir' | 'production'>): PaymentsConfig {
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
  const webhookToleranceSeconds = read.int('STRIPE_WEBHOOK_TOLERANCE_SECONDS', 300, { min: 1, max: 3600 });
  const sandbox = loadSandboxConfig(read, platform, Boolean(stripeKey || paystackKey));
  return {
    stripe: {
      secretKey: stripeKey ? new Secret(stripeKey) : undefined,
      webhookSecret: stripeWebhook ? new Secret(stripeWebhook) : undefined,
      api: stripeUrl ? endpointOf(stripeUrl) : undefined,
      webhookToleranceSeconds,
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
    sandbox,
    sandboxBillingIntervalMs: read.int('PAYMENTS_SANDBOX_BILLING_SECONDS', 60, { min: 1, max: 24 * 3600 }) * 1000,
  };
}

/**
 * PAYMENTS_SANDBOX: `auto` (default), `true` or `false`. Asking for it in production stops the
 * start rather than being ignored: whoever set it believes votes can be bought for nothing.
 * Its secret is PAYMENTS_SANDBOX_SECRET, else generated once under DATA_DIR like the other
 * development secrets; it is only created when the sandbox may run.
 */
function loadSandboxConfig(read: EnvReader, platform: Pick<PlatformConfig, 'dataDir' | 'production'> | undefined, platformKeys: boolean): SandboxConfig {
  const raw = read.optionalString('PAYMENTS_SANDBOX')?.toLowerCase() ?? 'auto';
  const requested = raw === 'auto' ? 'auto' : read.bool('PAYMENTS_SANDBOX', false) ? 'on' : 'off';
  if (platform?.production) {
    if (requested === 'on') throw new ConfigError('PAYMENTS_SANDBOX', 'cannot be enabled with NODE_ENV=production: the sandbox grants credits without any money');
    return { mode: 'off', reason: 'NODE_ENV=production' };
  }
  if (requested === 'off') return { mode: 'off', reason: 'PAYMENTS_SANDBOX=false' };
  if (requested === 'auto' && platformKeys) return { mode: 'off', reason: 'a platform provider key is set' };
  if (!platform) return { mode: 'off', reason: 'no data directory for its secret' };
  const secret = configuredOrKeptSecret(read, 'PAYMENTS_SANDBOX_SECRET', join(platform.dataDir, 'payments-sandbox-secret'));
  return { mode: requested, webhookSecret: new Secret(`whsec_sandbox_${secret.toString('utf8')}`) };
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
