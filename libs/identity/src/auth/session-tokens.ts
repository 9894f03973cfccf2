import { Inject, Injectable } from '@nestjs/common';
import { uuidv7, type Role } from '@tally/platform';
import { formatToken, randomSecret } from '../crypto/secrets';
import { tokenHash } from '../crypto/pii-keys';
import type { NewSession } from '../commands/log-in/log-in.decide';
import type { SessionMethod } from '../domain/user.events';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';
import { JwtCodec } from './jwt-codec';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** A fresh refresh secret with what the stream stores about it (its hash). */
export interface RefreshSecret {
  secret: string;
  hash: string;
  expiresAt: Date;
}

/** Mints sessions, refresh secrets and access tokens. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly codec: JwtCodec,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  refreshSecret(now: Date): RefreshSecret {
    const secret = randomSecret();
    return { secret, hash: tokenHash(secret), expiresAt: new Date(now.getTime() + this.config.refreshTtlSeconds * 1000) };
  }

  newSession(method: SessionMethod, now: Date): { session: NewSession; secret: string } {
    const refresh = this.refreshSecret(now);
    return { session: { sessionId: uuidv7(now.getTime()), refreshHash: refresh.hash, method, expiresAt: refresh.expiresAt }, secret: refresh.secret };
  }

  pair(claims: { tenantId: string; userId: string; sessionId: string; roles: readonly Role[] }, secret: string, now: Date): TokenPair {
    const access = this.codec.sign({ sub: claims.userId, tid: claims.tenantId, sid: claims.sessionId, roles: [...claims.roles] }, now);
    return { accessToken: access.token, refreshToken: formatToken('rt', claims.userId, claims.sessionId, secret), expiresIn: access.expiresIn };
  }
}
