import type { Role } from '@tally/platform';

export const ALL_ROLES: readonly Role[] = ['voter', 'judge', 'organizer', 'auditor', 'moderator', 'platform_admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
