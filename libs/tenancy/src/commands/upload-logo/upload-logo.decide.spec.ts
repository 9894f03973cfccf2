import { DomainError } from '@tally/platform';
import { brandingAssetUrl } from '../../domain/branding-asset-url';
import { initialTenantState, TenantState } from '../../domain/tenant.state';
import { decideLogoUpload } from './upload-logo.decide';

const at = '2026-03-01T12:00:00.000Z';
const tenant: TenantState = { ...initialTenantState(), exists: true, tenantId: 't1', slug: 'gala', name: 'Gala' };
const asset = brandingAssetUrl('t1', 'a'.repeat(64), 'png');
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as DomainError<string>).code;
  }
  throw new Error('not refused');
};

describe('decideLogoUpload', () => {
  it('submits the branding shown now with the uploaded logo, for moderation', () => {
    const shown = { ...tenant, branding: { logoUrl: 'https://cdn.example/old.png', primaryColor: '#aa0000', secondaryColor: null } };
    expect(decideLogoUpload(shown, 's1', asset, at)).toEqual([
      { type: 'TenantBrandingSubmitted', data: { tenantId: 't1', submissionId: 's1', branding: { logoUrl: asset, primaryColor: '#aa0000', secondaryColor: null }, at } },
    ]);
    expect(decideLogoUpload(tenant, 's2', asset, at)[0].data.branding).toEqual({ logoUrl: asset, primaryColor: null, secondaryColor: null });
  });

  it("refuses another tenant's asset path and a path that is not an asset name, naming logoUrl", () => {
    expect(codeOf(() => decideLogoUpload(tenant, 's1', brandingAssetUrl('t2', 'a'.repeat(64), 'png'), at))).toBe('TENANCY.INVALID_BRANDING');
    expect(codeOf(() => decideLogoUpload(tenant, 's1', '/assets/branding/t1/../t2/x.png', at))).toBe('TENANCY.INVALID_BRANDING');
    expect(codeOf(() => decideLogoUpload(initialTenantState(), 's1', asset, at))).toBe('TENANCY.TENANT_NOT_FOUND');
  });
});
