import { TenantSettingsChanged, TenantSettingValue } from './tenant.events';
import { TenantState } from './tenant.state';
import { TenancyError } from '../tenancy.errors';

/**
 * The settings a tenant may change, each with its check. A closed list: an unknown key is
 * refused rather than stored, so a typo never silently does nothing. Secrets are never tenant
 * settings (these become events, which are never rewritten): provider keys live sealed in the
 * payments context (`PUT /api/payments/settings`).
 */
export const TENANT_SETTINGS = {
  /** Lifetime of OTP codes sent to this tenant's users (identity). */
  otpTtlSeconds: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 60 && value <= 3600,
  /** Shown in messages to voters. */
  displayName: (value: unknown) => typeof value === 'string' && value.length >= 1 && value.length <= 120,
  /** Payments: refund a payment automatically when the provider warns of fraud (early fraud warning). */
  refundOnEarlyFraudWarning: (value: unknown) => typeof value === 'boolean',
  /** Moderation: comma-separated terms contestant names, slugs and bios may not contain (refused with 422 before the queue). */
  bannedTerms: (value: unknown) => typeof value === 'string' && value.length <= 2000,
  /**
   * Moderation of the contestant names organizers give: `post` (the default) shows them at once and
   * queues them for review, a rejection taking one down; `pre` shows "Contestant <n>" until approved.
   */
  contestantNameModeration: (value: unknown) => value === 'pre' || value === 'post',
} satisfies Record<string, (value: unknown) => boolean>;

export type TenantSettingKey = keyof typeof TENANT_SETTINGS;

const SETTING_HINTS: Record<TenantSettingKey, string> = {
  otpTtlSeconds: 'a whole number of seconds from 60 to 3600',
  displayName: 'a string of 1 to 120 characters',
  refundOnEarlyFraudWarning: 'true or false',
  bannedTerms: 'a comma-separated list of at most 2000 characters',
  contestantNameModeration: '"pre" or "post"',
};

/** `null` removes a setting (back to the platform default). Returns no event when nothing changes. */
export function decideSettingsChange(
  state: TenantState,
  requested: Record<string, unknown>,
  changedAt: string,
): TenantSettingsChanged[] {
  if (!state.exists || !state.tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', 'No such tenant');
  const changes: TenantSettingsChanged['data']['changes'] = [];
  for (const [key, value] of Object.entries(requested)) {
    if (!(key in TENANT_SETTINGS)) throw new TenancyError('TENANCY.UNKNOWN_SETTING', `Unknown tenant setting "${key}"`, { setting: key, known: Object.keys(TENANT_SETTINGS) });
    const settingKey = key as TenantSettingKey;
    if (value !== null && !TENANT_SETTINGS[settingKey](value)) {
      throw new TenancyError('TENANCY.INVALID_SETTING', `${key} must be ${SETTING_HINTS[settingKey]}`, { setting: key });
    }
    const oldValue = state.settings[key] ?? null;
    if (oldValue !== value) changes.push({ key, oldValue, newValue: value as TenantSettingValue | null });
  }
  return changes.length === 0 ? [] : [{ type: 'TenantSettingsChanged', data: { tenantId: state.tenantId, changes, changedAt } }];
}
