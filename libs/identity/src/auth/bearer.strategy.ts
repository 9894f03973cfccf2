import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor } from '@tally/platform';
import passport from 'passport';
import { BearerAuthenticator, BearerRequest } from './bearer-authenticator';
import { RequestStrategy } from './request.strategy';

let instances = 0;

/**
 * The access-token strategy the global guard runs through @nestjs/passport. Its validation is
 * BearerAuthenticator's, unchanged: signature and claims (with the verified-token cache), tenant
 * binding, session revocation. Each instance registers under a name of its own and leaves
 * passport's registry when its application closes, so two applications in one process never
 * answer with each other's keys or databases.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(RequestStrategy) implements OnModuleDestroy {
  constructor(private readonly bearer: BearerAuthenticator) {
    super(`tally-bearer-${++instances}`);
  }

  /** The actor, or null (passport's failure) when the token is missing or not valid here. */
  validate(request: BearerRequest): Promise<Actor | null> {
    return this.bearer.authenticate(request);
  }

  onModuleDestroy(): void {
    // The registry @nestjs/passport's mixin registered this strategy in.
    passport.unuse(this.name);
  }
}
