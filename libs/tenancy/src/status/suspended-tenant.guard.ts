import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { WithRequestContext } from '@tally/platform';
import { DEMO_TENANT_SLUG } from '../tenant-directory';
import { TenancyError } from '../tenancy.errors';
import { TenantStatusBook } from './tenant-status-book';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes a suspended tenant may still write to: signing out (it only ends a session) and the
 * platform admin's route that re-activates it. Signing up or in, OTPs, refreshes and password
 * resets are refused like every other write: a suspended tenant gets no new members or sessions.
 */
const ALLOWED_WHILE_SUSPENDED = new Set(['/api/auth/logout', '/api/tenants/:tenantId/status']);

/** Sign-in routes: in the tenant platform admins live in, they stay open so an operator is never locked out. */
const AUTH_ROUTES = '/api/auth/';

/** Creating a contest (voting's route) counts against the plan's contest limit. */
const CREATE_CONTEST = '/api/events';

interface RoutedRequest extends WithRequestContext {
  method: string;
  routeOptions?: { url?: string };
}

/**
 * The one place a tenant's standing is enforced (a global guard, so no controller has to
 * remember it): a suspended tenant's requests that are not reads, its sign-ups and sign-ins
 * included, are 403 `tenant-suspended` (reads with a session still work); a tenant at its plan's contest limit gets 422 `plan-limit-reached` for a
 * new contest.
 */
@Injectable()
export class SuspendedTenantGuard implements CanActivate {
  constructor(private readonly book: TenantStatusBook) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (READS.has(request.method)) return true;
    const tenant = request.tallyContext?.tenant;
    if (!tenant) return true;
    const route = request.routeOptions?.url ?? '';
    if (this.book.isSuspended(tenant.id) && !this.allowedWhileSuspended(route, tenant.slug)) {
      throw new TenancyError('TENANCY.TENANT_SUSPENDED', `Tenant ${tenant.slug} is suspended: it can be read, not changed`, { tenant: tenant.slug });
    }
    if (route === CREATE_CONTEST && request.method === 'POST' && this.book.atContestLimitOf(tenant.id)) {
      throw new TenancyError('TENANCY.PLAN_LIMIT_REACHED', `Tenant ${tenant.slug} has created as many contests as its plan allows`, { tenant: tenant.slug, limit: 'contests' });
    }
    return true;
  }

  private allowedWhileSuspended(route: string, tenantSlug: string): boolean {
    return ALLOWED_WHILE_SUSPENDED.has(route) || (tenantSlug === DEMO_TENANT_SLUG && route.startsWith(AUTH_ROUTES));
  }
}
