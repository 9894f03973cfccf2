import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { IS_PUBLIC, REQUIRED_ROLES } from './access.metadata';
import { ApiProblem, ApiTenant } from './api-docs.decorators';
import { Role } from './request-context';

/**
 * Access metadata read by the global auth guard (identity context). It lives in the platform
 * so every context can mark its routes without importing identity (which would make cycles).
 */
export { IS_PUBLIC, REQUIRED_ROLES };

export interface PublicOptions {
  /** false for routes that serve no tenant (health, provider webhooks): their docs ask for no X-Tenant-Id. */
  tenant?: boolean;
}

/**
 * The route needs no token. It also writes the route's OpenAPI security (the tenant header
 * only), so what the docs say about access comes from the same decorator the guard reads.
 */
export const Public = (options: PublicOptions = {}): MethodDecorator & ClassDecorator =>
  options.tenant === false ? SetMetadata(IS_PUBLIC, true) : applyDecorators(SetMetadata(IS_PUBLIC, true), ApiTenant());

/** The caller needs at least one of these roles (platform_admin passes every check); documented as a 403 and `x-required-roles`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiExtension('x-required-roles', roles),
    ApiProblem(403, `Needs one of the roles: ${roles.join(', ')} (a platform_admin passes every role check).`),
  );
