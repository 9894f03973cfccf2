import { DomainEvent } from '@tally/eventstore';

export type TenantStatus = 'active' | 'suspended';

export type TenantCreated = DomainEvent<
  'TenantCreated',
  { tenantId: string; name: string; slug: string; domain: string | null; planType: string; createdAt: string }
>;

export type TenantSettingValue = string | number | boolean;

/** Carries old and new values so configuration changes are auditable (SPEC: audit logging). */
export type TenantSettingsChanged = DomainEvent<
  'TenantSettingsChanged',
  { tenantId: string; changes: { key: string; oldValue: TenantSettingValue | null; newValue: TenantSettingValue | null }[]; changedAt: string }
>;

export type TenantEvent = TenantCreated | TenantSettingsChanged;

/** Reserves a slug or host name for one tenant; first writer wins (no_stream expectation). */
export type TenantNameReserved = DomainEvent<'TenantNameReserved', { tenantId: string; kind: 'slug' | 'domain'; value: string }>;
