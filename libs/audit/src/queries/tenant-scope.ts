import { RequestContext, tenantIdOf } from '@tally/platform';
import { AuditError } from '../audit.errors';

/**
 * Which tenant's rows an admin read may see: a platform admin any tenant (`tenantId`), or all of
 * them when it names none; everyone else only the request's own tenant, and another tenant's id
 * answers 404 as an unknown one would.
 */
export function tenantScope(ctx: RequestContext, requested: string | undefined): string | null {
  const own = tenantIdOf(ctx);
  if (ctx.actor?.roles.includes('platform_admin')) return requested ?? null;
  if (requested !== undefined && requested !== own) throw new AuditError('AUDIT.TENANT_NOT_FOUND', `No tenant ${requested}`);
  return own;
}

/** Positions handed out as cursors: `xid:position` (PostgreSQL) or a commit position (EventStoreDB). */
export const POSITION_CURSOR = /^[0-9]{1,20}(:[0-9]{1,20})?$/;
