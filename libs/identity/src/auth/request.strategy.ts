import { Strategy } from 'passport-strategy';
import type { BearerRequest } from './bearer-authenticator';

/** Passport's verify callback shape: an error, or the user (false or null when there is none). */
export type RequestVerified = (error: Error | null, user?: unknown) => void;

/**
 * A passport strategy that hands the whole request to its verify callback, as passport-custom
 * does, because the bearer checks are ours: passport-jwt (jsonwebtoken) has no EdDSA and does not
 * know our tenant binding or session revocation (jwt-codec.ts). A missing or invalid token is a
 * plain `fail()`: the guard turns it into the problem+json refusal.
 *
 * Passport keeps strategies by name in one process-wide registry, so the name is given by the
 * owner (one per application instance: tests run several apps in one process).
 */
export class RequestStrategy extends Strategy {
  constructor(
    readonly name: string,
    private readonly verify: (request: BearerRequest, done: RequestVerified) => void,
  ) {
    super();
  }

  override authenticate(request: BearerRequest): void {
    this.verify(request, (error, user) => {
      if (error) this.error(error);
      else if (user) this.success(user);
      else this.fail(401);
    });
  }
}
