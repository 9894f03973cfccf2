import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { WithRequestContext } from '@tally/platform';
import { TenancyError } from '../tenancy.errors';
import { TenantStatusBook } from './tenant-status-book';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes a suspended tenant may still write to: signing in and out (reads need a session), and
 * the platform admin's route that re-activates it.
 */
const ALLOWED_WHILE_SUSPENDED = ['/api/auth/', '/api/tenants/:tenantId/status'];

interface RoutedRequest extends WithRequestContext {
  method: string;
  routeOptions?: { url?: string };
}

/**
 * The one place a suspended tenant's writes are refused (a global guard, so no controller has
 * to remember it): every request that is not a read, for the tenant the request resolved to,
 * is 403 `tenant-suspended`. Reads still work.
 */
@Injectable()
export class SuspendedTenantGuard implements CanActivate {
  constructor(private readonly book: TenantStatusBook) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (READS.has(request.method)) return true;
    const tenant = request.tallyContext?.tenant;
    if (!tenant || !this.book.isSuspended(tenant.id)) return true;
    const route = request.routeOptions?.url ?? '';
    if (ALLOWED_WHILE_SUSPENDED.some((allowed) => route.startsWith(allowed))) return true;
    throw new TenancyError('TENANCY.TENANT_SUSPENDED', `Tenant ${tenant.slug} is suspended: it can be read, not changed`, { tenant: tenant.slug });
  }
}
