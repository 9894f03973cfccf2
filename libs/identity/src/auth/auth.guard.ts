import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Actor, IS_PUBLIC, REQUIRED_ROLES, Role } from '@tally/platform';
import { identityError } from '../identity.errors';
import { BearerRequest } from './bearer-authenticator';
import { BearerStrategy } from './bearer.strategy';

/**
 * The one global guard (APP_GUARD), on @nestjs/passport: every route needs a valid access token
 * (BearerStrategy) unless marked @Public(); @Roles(...) then asks for one of the roles, and
 * platform_admin passes every role check. A public route that receives a bearer token still
 * learns its actor when the token is valid (and ignores it when not).
 */
@Injectable()
export class TallyAuthGuard extends AuthGuard() {
  constructor(
    private readonly reflector: Reflector,
    strategy: BearerStrategy,
  ) {
    // This application's strategy by its own name (see BearerStrategy), not a global default.
    super({ defaultStrategy: strategy.name });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) {
      // A public route works without an actor, whatever went wrong while finding one; with no
      // Authorization header there is nothing to find.
      if (request.headers.authorization !== undefined) await this.authenticate(context).catch(() => undefined);
      return true;
    }
    await this.authenticate(context);
    const actor = request.tallyContext?.actor;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !hasRole(actor, required)) {
      throw identityError('IDENTITY.FORBIDDEN', `This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  /** Runs passport with this application's strategy; AuthGuard's canActivate is async (typed as any guard's). */
  private async authenticate(context: ExecutionContext): Promise<void> {
    await (super.canActivate(context) as Promise<boolean>);
  }

  /** Passport's outcome: an error propagates (e.g. the session store is down), no actor is a 401 problem. */
  override handleRequest<TUser = Actor>(error: Error | null, actor: TUser | false | null): TUser {
    if (error) throw error;
    if (!actor) throw identityError('IDENTITY.UNAUTHENTICATED', 'A valid access token is required');
    return actor;
  }
}

export function hasRole(actor: Actor | undefined, required: readonly Role[]): boolean {
  if (!actor) return false;
  return actor.roles.includes('platform_admin') || required.some((role) => actor.roles.includes(role));
}
