import { DomainError } from '@tally/platform';
import { decideSettingsChange } from './tenant-settings';
import { evolveTenant, initialTenantState, TenantState } from './tenant.state';

const at = '2026-05-01T00:00:00.000Z';
const tenant: TenantState = { ...initialTenantState(), exists: true, tenantId: 't1', slug: 'gala', name: 'Gala' };

describe('tenant settings', () => {
  it('records old and new values, and folds them into the state', () => {
    const [event] = decideSettingsChange(tenant, { otpTtlSeconds: 120 }, at);
    expect(event.data.changes).toEqual([{ key: 'otpTtlSeconds', oldValue: null, newValue: 120 }]);
    const after = evolveTenant(tenant, event);
    expect(after.settings).toEqual({ otpTtlSeconds: 120 });
    const [second] = decideSettingsChange(after, { otpTtlSeconds: null }, at);
    expect(second.data.changes).toEqual([{ key: 'otpTtlSeconds', oldValue: 120, newValue: null }]);
    expect(evolveTenant(after, second).settings).toEqual({});
  });

  it('takes "pre" or "post" for contestantNameModeration', () => {
    const [event] = decideSettingsChange(tenant, { contestantNameModeration: 'pre' }, at);
    expect(evolveTenant(tenant, event).settings).toEqual({ contestantNameModeration: 'pre' });
  });

  it('appends nothing when nothing changes', () => {
    const after = evolveTenant(tenant, decideSettingsChange(tenant, { displayName: 'Gala' }, at)[0]);
    expect(decideSettingsChange(after, { displayName: 'Gala' }, at)).toEqual([]);
  });

  it.each([
    [{ otpTtlSeconds: 30 }, 'TENANCY.INVALID_SETTING'],
    [{ otpTtlSeconds: '300' }, 'TENANCY.INVALID_SETTING'],
    [{ displayName: '' }, 'TENANCY.INVALID_SETTING'],
    [{ refundOnEarlyFraudWarning: 'yes' }, 'TENANCY.INVALID_SETTING'],
    [{ contestantNameModeration: 'later' }, 'TENANCY.INVALID_SETTING'],
    [{ stripeSecretKey: 'sk' }, 'TENANCY.UNKNOWN_SETTING'],
  ])('refuses %j with %s', (requested, code) => {
    expect(() => decideSettingsChange(tenant, requested, at)).toThrow(DomainError);
    try {
      decideSettingsChange(tenant, requested, at);
    } catch (error) {
      expect((error as DomainError).code).toBe(code);
    }
  });
});
