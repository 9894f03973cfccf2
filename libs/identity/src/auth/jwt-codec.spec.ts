import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { IdentityConfig } from '../identity.config';
import { JwtCodec } from './jwt-codec';

const base = { issuer: 'tally', audience: 'tally-api', accessTtlSeconds: 900 };
const hs: IdentityConfig['jwt'] = { ...base, algorithm: 'HS256', secret: Buffer.from('k'.repeat(40)) };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ed: IdentityConfig['jwt'] = { ...base, algorithm: 'EdDSA', privateKey, publicKey };
const claims = { sub: 'u1', tid: 't1', sid: 's1', roles: ['voter' as const] };
const now = new Date('2026-01-01T00:00:00Z');
const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JwtCodec', () => {
  it.each([
    ['HS256', hs],
    ['EdDSA', ed],
  ])('signs and verifies %s access tokens until they expire', (_name, config) => {
    const codec = new JwtCodec(config);
    const { token, expiresIn } = codec.sign(claims, now);
    expect(expiresIn).toBe(900);
    expect(codec.verify(token, new Date(now.getTime() + 899_000))).toMatchObject({ ...claims, iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 900 });
    expect(codec.verify(token, new Date(now.getTime() + 900_000))).toBeNull();
  });

  it('allows only the configured algorithm: no none, no HS/EdDSA confusion', () => {
    const edToken = new JwtCodec(ed).sign(claims, now).token;
    expect(new JwtCodec(hs).verify(edToken, now)).toBeNull();
    const hsToken = new JwtCodec(hs).sign(claims, now).token;
    expect(new JwtCodec(ed).verify(hsToken, now)).toBeNull();
    const [, payload] = hsToken.split('.');
    expect(new JwtCodec(hs).verify(`${part({ alg: 'none', typ: 'at+jwt' })}.${payload}.`, now)).toBeNull();
    // An EdDSA verifier must not accept a token "signed" with HMAC keyed by its public key.
    const header = part({ alg: 'HS256', typ: 'at+jwt' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const forged = `${header}.${payload}.${createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url')}`;
    expect(new JwtCodec(ed).verify(forged, now)).toBeNull();
  });

  it('binds token type, audience and issuer', () => {
    const codec = new JwtCodec(hs);
    const sign = (header: object, body: object): string => {
      const input = `${part(header)}.${part(body)}`;
      return `${input}.${createHmac('sha256', hs.secret).update(input).digest('base64url')}`;
    };
    const body = { iss: 'tally', aud: 'tally-api', ...claims, iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 60, jti: 'j' };
    expect(codec.verify(sign({ alg: 'HS256', typ: 'at+jwt' }, body), now)).not.toBeNull();
    expect(codec.verify(sign({ alg: 'HS256', typ: 'JWT' }, body), now)).toBeNull();
    expect(codec.verify(sign({ alg: 'HS256', typ: 'at+jwt' }, { ...body, aud: 'other' }), now)).toBeNull();
    expect(codec.verify(sign({ alg: 'HS256', typ: 'at+jwt' }, { ...body, iss: 'other' }), now)).toBeNull();
    expect(codec.verify(sign({ alg: 'HS256', typ: 'at+jwt' }, { ...body, roles: ['root'] }), now)).toBeNull();
    expect(codec.verify(sign({ alg: 'HS256', typ: 'at+jwt' }, { ...body, tid: undefined }), now)).toBeNull();
  });
});
