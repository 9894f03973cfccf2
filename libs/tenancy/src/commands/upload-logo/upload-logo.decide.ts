import { decideBrandingSubmission } from '../../domain/tenant-branding';
import { TenantBrandingSubmitted } from '../../domain/tenant.events';
import { TenantState } from '../../domain/tenant.state';

/**
 * An uploaded logo goes to moderation as branding does: a submission of the branding shown now
 * (its colours, none before the first approval) with the logo replaced by the uploaded asset.
 */
export function decideLogoUpload(state: TenantState, submissionId: string, logoUrl: string, at: string): TenantBrandingSubmitted[] {
  const branding = { primaryColor: state.branding?.primaryColor ?? null, secondaryColor: state.branding?.secondaryColor ?? null, logoUrl };
  return decideBrandingSubmission(state, submissionId, branding, at);
}
