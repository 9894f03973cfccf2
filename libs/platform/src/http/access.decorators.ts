import { SetMetadata } from '@nestjs/common';
import { Role } from './request-context';

/**
 * Access metadata read by the global auth guard (identity context). It lives in the platform
 * so every context can mark its routes without importing identity (which would make cycles).
 */
export const IS_PUBLIC = 'tally:isPublic';
export const REQUIRED_ROLES = 'tally:requiredRoles';

/** The route needs no token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles (platform_admin passes every check). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
