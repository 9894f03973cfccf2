import { Secret } from '../../payments.config';
import { sandboxCredentials, sandboxStandsIn } from './sandbox-offer';

const secret = new Secret('whsec_sandbox_offer');

describe('when the sandbox stands in for a provider', () => {
  it('auto: only for a tenant with no provider, and only while no tenant has keys of its own', () => {
    const auto = { mode: 'auto', webhookSecret: secret } as const;
    expect(sandboxStandsIn(auto, { hasProvider: false, anyTenantHasOwnKeys: false })).toBe(true);
    expect(sandboxStandsIn(auto, { hasProvider: true, anyTenantHasOwnKeys: false })).toBe(false);
    expect(sandboxStandsIn(auto, { hasProvider: false, anyTenantHasOwnKeys: true })).toBe(false);
  });

  it('on: for any tenant with no provider, whatever the others have', () => {
    const on = { mode: 'on', webhookSecret: secret } as const;
    expect(sandboxStandsIn(on, { hasProvider: false, anyTenantHasOwnKeys: true })).toBe(true);
    expect(sandboxStandsIn(on, { hasProvider: true, anyTenantHasOwnKeys: false })).toBe(false);
  });

  it('off: never, and it then has no credentials at all', () => {
    const off = { mode: 'off', reason: 'NODE_ENV=production' } as const;
    expect(sandboxStandsIn(off, { hasProvider: false, anyTenantHasOwnKeys: false })).toBe(false);
    expect(sandboxCredentials(off)).toBeNull();
    expect(sandboxCredentials({ mode: 'auto', webhookSecret: secret })).toEqual({ secretKey: secret, webhookSecret: secret, account: { owner: 'platform' } });
  });
});
