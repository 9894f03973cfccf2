import { TenantBranding, TenantEvent, TenantSettingValue, TenantStatus } from './tenant.events';

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
  branding: TenantBranding | null;
  /** Branding submissions waiting for a moderator, by submission id. */
  pendingBranding: Readonly<Record<string, TenantBranding>>;
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
  branding: null,
  pendingBranding: {},
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
    case 'TenantStatusChanged':
      return { ...state, status: event.data.status };
    case 'TenantPlanChanged':
      return { ...state, planType: event.data.planType };
    case 'TenantBrandingSubmitted':
      return { ...state, pendingBranding: { ...state.pendingBranding, [event.data.submissionId]: event.data.branding } };
    case 'TenantBrandingApproved':
      return { ...state, branding: event.data.branding, pendingBranding: without(state.pendingBranding, event.data.submissionId) };
    case 'TenantBrandingRejected':
      return { ...state, pendingBranding: without(state.pendingBranding, event.data.submissionId) };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}
