import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Actor, IS_PUBLIC, REQUIRED_ROLES, Role } from '@tally/platform';
import { identityError } from '../identity.errors';
import { BearerRequest, bearerToken, TALLY_JWT } from './jwt.strategy';

/**
 * The one global guard (APP_GUARD): every route needs a valid access token unless marked
 * @Public(); @Roles(...) then asks for one of the roles, and platform_admin passes every role
 * check. A public route that receives a bearer token still learns its actor when the token is
 * valid (and ignores it when not).
 */
@Injectable()
export class TallyAuthGuard extends AuthGuard(TALLY_JWT) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) {
      const request = context.switchToHttp().getRequest<BearerRequest>();
      if (bearerToken(request)) await (super.canActivate(context) as Promise<boolean>).catch(() => false);
      return true;
    }
    await (super.canActivate(context) as Promise<boolean>);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const actor = context.switchToHttp().getRequest<BearerRequest>().tallyContext?.actor;
    if (required?.length && !hasRole(actor, required)) {
      throw identityError('IDENTITY.FORBIDDEN', `This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  override handleRequest<TUser = Actor>(error: unknown, user: TUser | false): TUser {
    if (error) throw error instanceof Error ? error : new Error('Authentication failed', { cause: error });
    if (!user) throw identityError('IDENTITY.UNAUTHENTICATED', 'A valid access token is required');
    return user;
  }
}

export function hasRole(actor: Actor | undefined, required: readonly Role[]): boolean {
  if (!actor) return false;
  return actor.roles.includes('platform_admin') || required.some((role) => actor.roles.includes(role));
}
