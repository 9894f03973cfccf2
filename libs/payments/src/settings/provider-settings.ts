import { FieldProblem } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { PaymentsError } from '../payments.errors';

/**
 * A tenant's payment settings as reads show them and the planner sees them: flags and masked
 * hints, never a key. `own` is false when the tenant has no row for the provider (it then uses
 * the platform's keys, when the platform has some).
 */
export interface ProviderSettingsView {
  own: boolean;
  enabled: boolean;
  secretKey: string | null;
  webhookSecret: string | null;
}

export interface PaymentSettingsView {
  defaultProvider: ProviderName | null;
  providers: Record<ProviderName, ProviderSettingsView>;
}

/** One provider in a change request: omitted fields stay, `null` clears a key. */
export interface ProviderSettingsRequest {
  enabled?: boolean;
  secretKey?: string | null;
  webhookSecret?: string | null;
}

export interface PaymentSettingsRequest {
  defaultProvider?: ProviderName | null;
  /** `null` for a provider drops the tenant's row: back to the platform's keys. */
  providers?: Partial<Record<ProviderName, ProviderSettingsRequest | null>>;
}

/** What to do with one stored key. */
export type KeyChange = { keep: true } | { set: string } | { clear: true };

export interface ProviderPlan {
  /** False: delete the tenant's row. */
  own: boolean;
  enabled: boolean;
  secretKey: KeyChange;
  webhookSecret: KeyChange;
}

/** One audited change: hints and flags only. */
export interface SettingsChange {
  field: string;
  from: string | boolean | null;
  to: string | boolean | null;
}

export interface SettingsPlan {
  defaultProvider: ProviderName | null;
  providers: Record<ProviderName, ProviderPlan>;
  changes: SettingsChange[];
}

const KEEP: KeyChange = { keep: true };
const PREFIXES = ['sk_test_', 'sk_live_', 'rk_test_', 'rk_live_', 'whsec_', 'pk_test_', 'pk_live_'];

/** `sk_test_…4242`: the key's kind and last four characters, enough to tell keys apart, useless to an attacker. */
export function maskKey(key: string): string {
  const prefix = PREFIXES.find((candidate) => key.startsWith(candidate)) ?? '';
  return key.length - prefix.length >= 12 ? `${prefix}…${key.slice(-4)}` : `${prefix}…`;
}

/**
 * Merges a change request into the current settings and checks the result as a whole (the DTO
 * has checked each field's shape). Every problem is reported with its field; nothing is stored
 * unless the whole request is valid. `platformKeys` are the providers the platform has keys for.
 */
export function planSettingsChange(current: PaymentSettingsView, request: PaymentSettingsRequest, platformKeys: ReadonlySet<ProviderName>): SettingsPlan {
  const problems: FieldProblem[] = [];
  const changes: SettingsChange[] = [];
  const providers = {} as Record<ProviderName, ProviderPlan>;
  for (const name of PROVIDER_NAMES) {
    const before = current.providers[name];
    const plan = planProvider(name, before, request.providers?.[name], platformKeys.has(name), problems);
    providers[name] = plan;
    changes.push(...providerChanges(name, before, plan, platformKeys.has(name)));
  }
  const defaultProvider = request.defaultProvider === undefined ? current.defaultProvider : request.defaultProvider;
  if (defaultProvider !== null && !usable(providers[defaultProvider], platformKeys.has(defaultProvider))) {
    problems.push({ field: 'defaultProvider', message: `defaultProvider ${defaultProvider} is not enabled for this tenant` });
  }
  if (defaultProvider !== current.defaultProvider) changes.push({ field: 'defaultProvider', from: current.defaultProvider, to: defaultProvider });
  if (problems.length > 0) throw new PaymentsError('PAYMENTS.INVALID_SETTINGS', problems.map((p) => p.message).join('; '), { errors: problems });
  return { defaultProvider, providers, changes };
}

function planProvider(name: ProviderName, before: ProviderSettingsView, request: ProviderSettingsRequest | null | undefined, platformHasKeys: boolean, problems: FieldProblem[]): ProviderPlan {
  if (request === null) return { own: false, enabled: platformHasKeys, secretKey: { clear: true }, webhookSecret: { clear: true } };
  if (request === undefined) return { own: before.own, enabled: before.enabled, secretKey: KEEP, webhookSecret: KEEP };
  const secretKey = keyChange(request.secretKey);
  const webhookSecret = keyChange(request.webhookSecret);
  const hasKey = 'set' in secretKey || ('keep' in secretKey && before.secretKey !== null);
  const hasWebhookSecret = 'set' in webhookSecret || ('keep' in webhookSecret && before.webhookSecret !== null);
  const enabled = request.enabled ?? (before.own ? before.enabled : true);
  const field = `providers.${name}`;
  if (enabled && !hasKey && !platformHasKeys) problems.push({ field: `${field}.secretKey`, message: `${field}.secretKey is needed: the platform has no ${name} key to fall back on` });
  if (name === 'stripe' && hasKey && !hasWebhookSecret) problems.push({ field: `${field}.webhookSecret`, message: `${field}.webhookSecret is needed with a tenant's own Stripe key, to verify its webhooks` });
  if (name === 'stripe' && hasWebhookSecret && !hasKey) problems.push({ field: `${field}.secretKey`, message: `${field}.secretKey is needed with a tenant's own webhook secret` });
  return { own: true, enabled, secretKey, webhookSecret };
}

function keyChange(value: string | null | undefined): KeyChange {
  if (value === undefined) return KEEP;
  return value === null ? { clear: true } : { set: value };
}

function usable(plan: ProviderPlan, platformHasKeys: boolean): boolean {
  return plan.own ? plan.enabled : platformHasKeys;
}

function providerChanges(name: ProviderName, before: ProviderSettingsView, plan: ProviderPlan, platformHasKeys: boolean): SettingsChange[] {
  const changes: SettingsChange[] = [];
  const field = `providers.${name}`;
  const enabledBefore = before.own ? before.enabled : platformHasKeys;
  const enabledAfter = usable(plan, platformHasKeys);
  if (before.own !== plan.own) changes.push({ field: `${field}.own`, from: before.own, to: plan.own });
  if (enabledBefore !== enabledAfter) changes.push({ field: `${field}.enabled`, from: enabledBefore, to: enabledAfter });
  for (const key of ['secretKey', 'webhookSecret'] as const) {
    const change = plan[key];
    if ('set' in change) changes.push({ field: `${field}.${key}`, from: before[key], to: maskKey(change.set) });
    if ('clear' in change && before[key] !== null) changes.push({ field: `${field}.${key}`, from: before[key], to: null });
  }
  return changes;
}
