import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, CLOCK, WithRequestContext } from '@tally/platform';
import { JwtCodec } from './jwt-codec';
import { SessionRevocations } from './session-revocations';
import { VerifiedTokens } from './verified-tokens';

export interface BearerRequest extends WithRequestContext {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Valid = signed by us with the configured algorithm, an access token (`typ at+jwt`) for our
 * audience, unexpired, issued for the request's tenant (a platform admin may act in any
 * tenant), and its session not ended.
 */
@Injectable()
export class BearerAuthenticator {
  private readonly tokens: VerifiedTokens;

  constructor(
    codec: JwtCodec,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.tokens = new VerifiedTokens(codec);
  }

  /** The request's actor (also set on its context), or null when the token is missing or not valid here. */
  async authenticate(request: BearerRequest): Promise<Actor | null> {
    const token = bearerToken(request);
    if (!token) return null;
    const claims = this.tokens.verify(token, this.clock.now());
    if (!claims) return null;
    const context = request.tallyContext;
    const admin = claims.roles.includes('platform_admin');
    if (!context || (context.tenant?.id !== claims.tid && !admin)) return null;
    if (await this.revocations.isRevoked(claims.sid)) return null;
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
