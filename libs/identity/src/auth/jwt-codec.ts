import { createHmac, randomUUID, sign as edSign, timingSafeEqual, verify as edVerify } from 'node:crypto';
import type { Role } from '@tally/platform';
import { isRole } from '../domain/roles';
import type { IdentityConfig } from '../identity.config';

/** RFC 9068 media type of access tokens: a refresh or ID token can never pass for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessClaims {
  sub: string;
  tid: string;
  sid: string;
  roles: Role[];
}

export interface VerifiedAccess extends AccessClaims {
  exp: number;
  iat: number;
  jti: string;
}

/**
 * Compact JWS for access tokens with HS256 or EdDSA (Ed25519). jsonwebtoken, which both
 * passport-jwt and @nestjs/jwt use, has no EdDSA, so signing and checking are done here with
 * node:crypto: the header's `alg` must be exactly the configured one (no `none`, no
 * HS/EdDSA confusion), `typ` must be `at+jwt`, and issuer, audience, expiry and claim shapes
 * are checked against the injected clock's time.
 */
export class JwtCodec {
  constructor(private readonly config: IdentityConfig['jwt']) {}

  sign(claims: AccessClaims, now: Date): { token: string; expiresIn: number } {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.config.accessTtlSeconds;
    const header = { alg: this.config.algorithm, typ: ACCESS_TOKEN_TYPE };
    const payload = { iss: this.config.issuer, aud: this.config.audience, ...claims, iat, exp, jti: randomUUID() };
    const signingInput = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
    return { token: `${signingInput}.${this.signature(signingInput).toString('base64url')}`, expiresIn: this.config.accessTtlSeconds };
  }

  /** The claims, or null for anything malformed, forged, expired or meant for someone else. */
  verify(token: string, now: Date): VerifiedAccess | null {
    const parts = token.split('.');
    if (parts.length !== 3 || token.length > 4096) return null;
    const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
    const header = parseJson(encodedHeader);
    if (!header || header.alg !== this.config.algorithm || header.typ !== ACCESS_TOKEN_TYPE || 'crit' in header) return null;
    if (!this.signatureMatches(`${encodedHeader}.${encodedPayload}`, Buffer.from(encodedSignature, 'base64url'))) return null;
    const claims = parseJson(encodedPayload);
    if (!claims) return null;
    const seconds = Math.floor(now.getTime() / 1000);
    const { iss, aud, sub, tid, sid, roles, exp, iat, jti } = claims;
    if (iss !== this.config.issuer || !audienceMatches(aud, this.config.audience)) return null;
    if (typeof exp !== 'number' || exp <= seconds || typeof iat !== 'number' || iat > seconds + 60) return null;
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof sid !== 'string' || typeof jti !== 'string') return null;
    if (!Array.isArray(roles) || !roles.every(isRole)) return null;
    return { sub, tid, sid, roles, exp, iat, jti };
  }

  private signature(input: string): Buffer {
    const keys = this.config;
    return keys.algorithm === 'HS256' ? createHmac('sha256', keys.secret).update(input).digest() : edSign(null, Buffer.from(input), keys.privateKey);
  }

  private signatureMatches(input: string, signature: Buffer): boolean {
    const keys = this.config;
    if (keys.algorithm === 'HS256') {
      const expected = createHmac('sha256', keys.secret).update(input).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    return signature.length === 64 && edVerify(null, Buffer.from(input), keys.publicKey, signature);
  }
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function audienceMatches(aud: unknown, expected: string): boolean {
  return aud === expected || (Array.isArray(aud) && aud.includes(expected));
}
