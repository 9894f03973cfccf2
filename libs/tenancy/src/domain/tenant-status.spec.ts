import { DomainError } from '@tally/platform';
import { decideBrandingReview, decideBrandingSubmission } from './tenant-branding';
import { decidePlanChange, decideStatusChange } from './tenant-status';
import { evolveTenant, initialTenantState, TenantState } from './tenant.state';

const at = '2026-05-01T00:00:00.000Z';
const tenant: TenantState = { ...initialTenantState(), exists: true, tenantId: 't1', slug: 'gala', name: 'Gala' };
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  throw new Error('expected a refusal');
};

describe('tenant status and plan', () => {
  it('suspends and re-activates, recording where it came from', () => {
    const [suspended] = decideStatusChange(tenant, 'suspended', 'unpaid', at);
    expect(suspended.data).toEqual({ tenantId: 't1', from: 'active', status: 'suspended', reason: 'unpaid', at });
    const after = evolveTenant(tenant, suspended);
    expect(after.status).toBe('suspended');
    expect(codeOf(() => decideStatusChange(after, 'suspended', null, at))).toBe('TENANCY.STATUS_UNCHANGED');
    expect(evolveTenant(after, decideStatusChange(after, 'active', null, at)[0]).status).toBe('active');
  });

  it('changes plan, and appends nothing for the same plan', () => {
    const [changed] = decidePlanChange(tenant, 'pro', at);
    expect(changed.data).toMatchObject({ from: 'free', planType: 'pro' });
    expect(decidePlanChange(evolveTenant(tenant, changed), 'pro', at)).toEqual([]);
    expect(codeOf(() => decidePlanChange(initialTenantState(), 'pro', at))).toBe('TENANCY.TENANT_NOT_FOUND');
  });
});

describe('tenant branding', () => {
  const good = { logoUrl: 'https://cdn.example/logo.png', primaryColor: '#1A2B3C', secondaryColor: null };

  it.each([
    [{ ...good, logoUrl: 'http://cdn.example/logo.png' }, 'logoUrl'],
    [{ ...good, logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
    [{ ...good, logoUrl: 'https://user:pw@cdn.example/x.png' }, 'logoUrl'],
    [{ ...good, primaryColor: 'red' }, 'primaryColor'],
    [{ ...good, secondaryColor: '#12345' }, 'secondaryColor'],
  ])('refuses %j naming %s', (branding, field) => {
    try {
      decideBrandingSubmission(tenant, 's1', branding, at);
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).code).toBe('TENANCY.INVALID_BRANDING');
      expect((error as DomainError).details).toEqual({ errors: [expect.objectContaining({ field })] });
    }
  });

  it('holds a submission until a moderator approves it, then shows it', () => {
    const [submitted] = decideBrandingSubmission(tenant, 's1', good, at);
    expect(submitted.data.branding.primaryColor).toBe('#1a2b3c');
    const pending = evolveTenant(tenant, submitted);
    expect(pending.branding).toBeNull();
    const approved = evolveTenant(pending, decideBrandingReview(pending, 's1', { approve: true }, at)[0]);
    expect(approved.branding).toEqual({ ...good, primaryColor: '#1a2b3c' });
    expect(approved.pendingBranding).toEqual({});
    expect(codeOf(() => decideBrandingReview(approved, 's1', { approve: true }, at))).toBe('TENANCY.SUBMISSION_NOT_FOUND');
  });

  it('drops a rejected submission and keeps the branding in force', () => {
    const pending = evolveTenant(tenant, decideBrandingSubmission(tenant, 's2', good, at)[0]);
    const [rejected] = decideBrandingReview(pending, 's2', { approve: false, reason: 'blurry' }, at);
    expect(rejected).toMatchObject({ type: 'TenantBrandingRejected', data: { reason: 'blurry' } });
    expect(evolveTenant(pending, rejected)).toMatchObject({ branding: null, pendingBranding: {} });
  });
});
