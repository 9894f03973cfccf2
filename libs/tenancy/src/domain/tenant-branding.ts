import { TenancyError } from '../tenancy.errors';
import { isOwnBrandingAsset } from './branding-asset-url';
import { TenantBranding, TenantBrandingApproved, TenantBrandingRejected, TenantBrandingSubmitted } from './tenant.events';
import { TenantState } from './tenant.state';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const MAX_URL = 2048;

/** The field that is wrong and why, or null: logo https only (or the tenant's own uploaded asset), colours `#rrggbb`. */
export function brandingProblem(branding: TenantBranding, tenantId: string): { field: string; message: string } | null {
  if (branding.logoUrl !== null && !isOwnBrandingAsset(branding.logoUrl, tenantId)) {
    let url: URL | null = null;
    try {
      url = branding.logoUrl.length <= MAX_URL ? new URL(branding.logoUrl) : null;
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
      return { field: 'logoUrl', message: `logoUrl must be an https URL without credentials, at most ${MAX_URL} characters, or an uploaded logo of this tenant` };
    }
  }
  for (const field of ['primaryColor', 'secondaryColor'] as const) {
    const colour = branding[field];
    if (colour !== null && !HEX_COLOUR.test(colour)) return { field, message: `${field} must be a hex colour #rrggbb` };
  }
  return null;
}

/** Submits branding for moderation; nothing is shown until a moderator approves it. */
export function decideBrandingSubmission(state: TenantState, submissionId: string, branding: TenantBranding, at: string): TenantBrandingSubmitted[] {
  if (!state.exists || !state.tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', 'No such tenant');
  const problem = brandingProblem(branding, state.tenantId);
  if (problem) throw new TenancyError('TENANCY.INVALID_BRANDING', problem.message, { errors: [problem] });
  if (submissionId in state.pendingBranding) return [];
  const normalised = { ...branding, primaryColor: branding.primaryColor?.toLowerCase() ?? null, secondaryColor: branding.secondaryColor?.toLowerCase() ?? null };
  return [{ type: 'TenantBrandingSubmitted', data: { tenantId: state.tenantId, submissionId, branding: normalised, at } }];
}

/** A moderator's decision on a waiting submission. */
export function decideBrandingReview(
  state: TenantState,
  submissionId: string,
  decision: { approve: true } | { approve: false; reason: string },
  at: string,
): (TenantBrandingApproved | TenantBrandingRejected)[] {
  if (!state.exists || !state.tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', 'No such tenant');
  const branding = state.pendingBranding[submissionId];
  if (!branding) throw new TenancyError('TENANCY.SUBMISSION_NOT_FOUND', `No branding submission ${submissionId} waits for review`, { submissionId });
  return decision.approve
    ? [{ type: 'TenantBrandingApproved', data: { tenantId: state.tenantId, submissionId, branding, at } }]
    : [{ type: 'TenantBrandingRejected', data: { tenantId: state.tenantId, submissionId, reason: decision.reason, at } }];
}
