import { TenantEvent, TenantStatus } from './tenant.events';

export interface TenantState {
  exists: boolean;
  tenantId: string | null;
  name: string;
  slug: string;
  domain: string | null;
  status: TenantStatus;
  planType: string;
  createdAt: string | null;
}

export const initialTenantState = (): TenantState => ({
  exists: false,
  tenantId: null,
  name: '',
  slug: '',
  domain: null,
  status: 'active',
  planType: 'free',
  createdAt: null,
});

export function evolveTenant(state: TenantState, event: TenantEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated':
      return { ...state, exists: true, ...event.data, status: 'active' };
    default: {
      const unreachable: never = event.type;
      return unreachable;
    }
  }
}
