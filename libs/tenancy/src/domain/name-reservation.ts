import { TenancyError } from '../tenancy.errors';
import { StreamDecider } from '@tally/eventstore';
import { TenantNameReserved } from './tenant.events';

export interface NameReservationState {
  tenantId: string | null;
}

/** A slug or host name belongs to the first tenant that reserved it. */
export const nameReservationDecider: StreamDecider<NameReservationState, TenantNameReserved> = {
  aggregate: 'tenant-name',
  initialState: () => ({ tenantId: null }),
  evolve: (state, event) => (state.tenantId ? state : { tenantId: event.data.tenantId }),
};

/** Idempotent for the same tenant, so a retried creation does not trip over its own reservation. */
export function decideReservation(state: NameReservationState, reservation: TenantNameReserved['data']): TenantNameReserved[] {
  if (state.tenantId === reservation.tenantId) return [];
  if (state.tenantId) {
    const code = reservation.kind === 'slug' ? 'TENANCY.SLUG_TAKEN' : 'TENANCY.DOMAIN_TAKEN';
    throw new TenancyError(code, `The ${reservation.kind} "${reservation.value}" is already used by another tenant`, {
      [reservation.kind]: reservation.value,
    });
  }
  return [{ type: 'TenantNameReserved', data: reservation }];
}
