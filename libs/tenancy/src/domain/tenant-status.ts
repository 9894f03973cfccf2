import { TenancyError } from '../tenancy.errors';
import { PlanType, TenantPlanChanged, TenantStatus, TenantStatusChanged } from './tenant.events';
import { TenantState } from './tenant.state';

/** Suspends or re-activates a tenant; asking for the status it has is a 409 (nothing to audit). */
export function decideStatusChange(state: TenantState, status: TenantStatus, reason: string | null, at: string): TenantStatusChanged[] {
  if (!state.exists || !state.tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', 'No such tenant');
  if (state.status === status) throw new TenancyError('TENANCY.STATUS_UNCHANGED', `The tenant is already ${status}`, { status });
  return [{ type: 'TenantStatusChanged', data: { tenantId: state.tenantId, from: state.status, status, reason, at } }];
}

/** Moves a tenant to another plan; the same plan again appends nothing. */
export function decidePlanChange(state: TenantState, planType: PlanType, at: string): TenantPlanChanged[] {
  if (!state.exists || !state.tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', 'No such tenant');
  if (state.planType === planType) return [];
  return [{ type: 'TenantPlanChanged', data: { tenantId: state.tenantId, from: state.planType, planType, at } }];
}
