import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, IS_PUBLIC, REQUIRED_ROLES, Role } from '@tally/platform';
import { identityError } from '../identity.errors';
import { BearerAuthenticator, BearerRequest } from './bearer-authenticator';

/**
 * The one global guard (APP_GUARD): every route needs a valid access token unless marked
 * @Public(); @Roles(...) then asks for one of the roles, and platform_admin passes every role
 * check. A public route that receives a bearer token still learns its actor when the token is
 * valid (and ignores it when not).
 */
@Injectable()
export class TallyAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) {
      // A public route works without an actor, whatever went wrong while finding one.
      await this.bearer.authenticate(request).catch(() => null);
      return true;
    }
    const actor = await this.bearer.authenticate(request);
    if (!actor) throw identityError('IDENTITY.UNAUTHENTICATED', 'A valid access token is required');
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !hasRole(actor, required)) {
      throw identityError('IDENTITY.FORBIDDEN', `This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}

export function hasRole(actor: Actor | undefined, required: readonly Role[]): boolean {
  if (!actor) return false;
  return actor.roles.includes('platform_admin') || required.some((role) => actor.roles.includes(role));
}
