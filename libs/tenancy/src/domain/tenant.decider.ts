import { StreamDecider } from '@tally/eventstore';
import { TenantEvent } from './tenant.events';
import { evolveTenant, initialTenantState, TenantState } from './tenant.state';

export const tenantDecider: StreamDecider<TenantState, TenantEvent> = {
  aggregate: 'tenant',
  initialState: initialTenantState,
  evolve: evolveTenant,
};
