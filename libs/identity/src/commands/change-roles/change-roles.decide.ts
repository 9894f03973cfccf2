import type { Role } from '@tally/platform';
import type { RolesChanged } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';
import { identityError } from '../../identity.errors';

/**
 * Organizers manage the tenant's roles; only a platform admin may grant or take away
 * `platform_admin`. Setting the same roles again appends nothing.
 */
export function decideRoles(state: UserState, roles: Role[], grantorRoles: readonly Role[], now: Date): RolesChanged[] {
  if (state.status === 'none' || state.status === 'erased') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
  const touchesAdmin = roles.includes('platform_admin') !== state.roles.includes('platform_admin');
  if (touchesAdmin && !grantorRoles.includes('platform_admin')) {
    throw identityError('IDENTITY.ROLE_NOT_GRANTABLE', 'Only a platform admin can grant or revoke platform_admin');
  }
  const next = [...new Set(roles)].sort();
  if (next.join() === [...state.roles].sort().join()) return [];
  return [{ type: 'RolesChanged', data: { roles: next, at: now.toISOString() } }];
}
