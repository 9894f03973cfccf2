import { DomainError } from '@tally/platform';
import { decideReservation, nameReservationDecider } from './name-reservation';

describe('tenant name reservation', () => {
  const reservation = { tenantId: 't1', kind: 'slug' as const, value: 'gala' };

  it('reserves a free name', () => {
    expect(decideReservation(nameReservationDecider.initialState(), reservation)).toEqual([
      { type: 'TenantNameReserved', data: reservation },
    ]);
  });

  it('is idempotent for the tenant that holds it', () => {
    expect(decideReservation({ tenantId: 't1' }, reservation)).toEqual([]);
  });

  it('refuses a name another tenant holds, naming it', () => {
    expect(() => decideReservation({ tenantId: 't2' }, reservation)).toThrow(DomainError);
    try {
      decideReservation({ tenantId: 't2' }, { ...reservation, kind: 'domain', value: 'vote.example' });
    } catch (error) {
      expect((error as DomainError).code).toBe('TENANCY.DOMAIN_TAKEN');
      expect((error as DomainError).details).toEqual({ domain: 'vote.example' });
    }
  });

  it('keeps the first holder when folding', () => {
    const state = [
      { type: 'TenantNameReserved' as const, data: reservation },
      { type: 'TenantNameReserved' as const, data: { ...reservation, tenantId: 't9' } },
    ].reduce(nameReservationDecider.evolve, nameReservationDecider.initialState());
    expect(state.tenantId).toBe('t1');
  });
});
