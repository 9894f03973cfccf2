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

/** A platform admin suspends a tenant (its writes are refused, reads still work) or makes it active again. */
export type TenantStatusChanged = DomainEvent<'TenantStatusChanged', { tenantId: string; from: TenantStatus; status: TenantStatus; reason: string | null; at: string }>;

export type PlanType = 'free' | 'pro' | 'enterprise';
export const PLAN_TYPES: readonly PlanType[] = ['free', 'pro', 'enterprise'];

/** A platform admin moves a tenant to another plan (its limits follow: domain/plan-limits.ts). */
export type TenantPlanChanged = DomainEvent<'TenantPlanChanged', { tenantId: string; from: string; planType: PlanType; at: string }>;

export interface TenantBranding {
  /** https only. */
  logoUrl: string | null;
  /** `#rrggbb`. */
  primaryColor: string | null;
  secondaryColor: string | null;
}

/** An organizer asks for new branding; it waits in the moderation queue and is not shown until approved. */
export type TenantBrandingSubmitted = DomainEvent<'TenantBrandingSubmitted', { tenantId: string; submissionId: string; branding: TenantBranding; at: string }>;
/** A moderator approved a submission: it is the tenant's branding from now on. */
export type TenantBrandingApproved = DomainEvent<'TenantBrandingApproved', { tenantId: string; submissionId: string; branding: TenantBranding; at: string }>;
/** A moderator rejected a submission; the branding in force stays. */
export type TenantBrandingRejected = DomainEvent<'TenantBrandingRejected', { tenantId: string; submissionId: string; reason: string; at: string }>;

export type TenantEvent =
  | TenantCreated
  | TenantSettingsChanged
  | TenantStatusChanged
  | TenantPlanChanged
  | TenantBrandingSubmitted
  | TenantBrandingApproved
  | TenantBrandingRejected;

export const TENANT_EVENT_TYPES: readonly TenantEvent['type'][] = [
  'TenantCreated',
  'TenantSettingsChanged',
  'TenantStatusChanged',
  'TenantPlanChanged',
  'TenantBrandingSubmitted',
  'TenantBrandingApproved',
  'TenantBrandingRejected',
];

/** Reserves a slug or host name for one tenant; first writer wins (no_stream expectation). */
export type TenantNameReserved = DomainEvent<'TenantNameReserved', { tenantId: string; kind: 'slug' | 'domain'; value: string }>;
