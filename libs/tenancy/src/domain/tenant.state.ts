import { TenantEvent, TenantSettingValue, TenantStatus } from './tenant.events';

export interface TenantState {
  exists: boolean;
  tenantId: string | null;
  name: string;
  slug: string;
  domain: string | null;
  status: TenantStatus;
  planType: string;
  createdAt: string | null;
  settings: Readonly<Record<string, TenantSettingValue>>;
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
  settings: {},
});

export function evolveTenant(state: TenantState, event: TenantEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated':
      return { ...state, exists: true, ...event.data, status: 'active' };
    case 'TenantSettingsChanged': {
      const settings: Record<string, TenantSettingValue> = { ...state.settings };
      for (const change of event.data.changes) {
        if (change.newValue === null) delete settings[change.key];
        else settings[change.key] = change.newValue;
      }
      return { ...state, settings };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
