import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor, Clock, CLOCK, WithRequestContext } from '@tally/platform';
import { Strategy } from 'passport-strategy';
import { JwtCodec } from './jwt-codec';
import { SessionRevocations } from './session-revocations';

export const TALLY_JWT = 'tally-jwt';

type Done = (error: unknown, user?: Actor | false) => void;
type Verify = (request: BearerRequest, done: Done) => void;

export interface BearerRequest extends WithRequestContext {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A passport strategy that hands the raw request to `validate`: the token checks need the
 * request's tenant (set by the tenancy hook before guards run), which passport-jwt's verify
 * callback never sees, and passport-jwt's jsonwebtoken has no EdDSA.
 */
class BearerStrategy extends Strategy {
  name = TALLY_JWT;

  constructor(private readonly verifyRequest: Verify) {
    super();
  }

  override authenticate(request: BearerRequest): void {
    this.verifyRequest(request, (error, actor) => {
      if (error) return this.error(error as Error);
      if (!actor) return this.fail('Bearer error="invalid_token"', 401);
      return this.success(actor);
    });
  }
}

/**
 * Valid = signed by us with the configured algorithm, an access token (`typ at+jwt`) for our
 * audience, unexpired, issued for the request's tenant (a platform admin may act in any
 * tenant), and its session not ended.
 */
@Injectable()
export class TallyJwtStrategy extends PassportStrategy(BearerStrategy, TALLY_JWT) {
  constructor(
    private readonly codec: JwtCodec,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async validate(request: BearerRequest): Promise<Actor | false> {
    const token = bearerToken(request);
    if (!token) return false;
    const claims = this.codec.verify(token, this.clock.now());
    if (!claims) return false;
    const context = request.tallyContext;
    const admin = claims.roles.includes('platform_admin');
    if (!context || (context.tenant?.id !== claims.tid && !admin)) return false;
    if (await this.revocations.isRevoked(claims.sid)) return false;
    const actor: IdentityActor = { userId: claims.sub, roles: claims.roles, sessionId: claims.sid, homeTenantId: claims.tid };
    context.actor = actor;
    return actor;
  }
}

/** The actor as this guard sets it: also the tenant the user belongs to (a platform admin may act elsewhere). */
export interface IdentityActor extends Actor {
  homeTenantId: string;
}

export function bearerToken(request: BearerRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
