import type { IdentityConfig } from '../identity.config';
import { JwtCodec } from './jwt-codec';
import { VerifiedTokens } from './verified-tokens';

const config: IdentityConfig['jwt'] = { issuer: 'tally', audience: 'tally-api', accessTtlSeconds: 900, algorithm: 'HS256', secret: Buffer.from('k'.repeat(40)) };
const claims = { sub: 'u1', tid: 't1', sid: 's1', roles: ['voter' as const] };
const now = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number): Date => new Date(now.getTime() + seconds * 1000);

describe('VerifiedTokens', () => {
  it('checks a token once, then answers from memory until it expires', () => {
    const codec = new JwtCodec(config);
    const verify = jest.spyOn(codec, 'verify');
    const tokens = new VerifiedTokens(codec);
    const { token } = codec.sign(claims, now);
    expect(tokens.verify(token, now)).toMatchObject(claims);
    expect(tokens.verify(token, later(899))).toMatchObject(claims);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(tokens.verify(token, later(900))).toBeNull();
  });

  it('never remembers a token that failed, so a forged one is refused every time', () => {
    const codec = new JwtCodec(config);
    const tokens = new VerifiedTokens(codec);
    const { token } = codec.sign(claims, now);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(tokens.verify(forged, now)).toBeNull();
    expect(tokens.verify(forged, now)).toBeNull();
    expect(tokens.verify(token, now)).not.toBeNull();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const codec = new JwtCodec(config);
    const verify = jest.spyOn(codec, 'verify');
    const tokens = new VerifiedTokens(codec, 2);
    const [a, b, c] = ['s1', 's2', 's3'].map((sid) => codec.sign({ ...claims, sid }, now).token);
    for (const token of [a, b, c]) tokens.verify(token, now);
    verify.mockClear();
    tokens.verify(c, now);
    tokens.verify(b, now);
    expect(verify).not.toHaveBeenCalled();
    tokens.verify(a, now);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
