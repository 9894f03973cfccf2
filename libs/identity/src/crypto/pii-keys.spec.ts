import { randomBytes } from 'node:crypto';
import { open, PiiKeys, seal } from './pii-keys';
import { checkPassword, PasswordHasher } from './passwords';
import { otpCode, parseToken, formatToken, randomSecret } from './secrets';

describe('PII keys and envelopes', () => {
  const keys = new PiiKeys(Buffer.from('a'.repeat(40)));

  it('seals with AES-256-GCM bound to the key id and field', () => {
    const key = randomBytes(32);
    const envelope = seal(key, 'sk1:u1', 'email', 'ada@example.com');
    expect(envelope.kid).toBe('sk1:u1');
    expect(envelope.ct).not.toContain('ada');
    expect(open(key, envelope, 'email')).toBe('ada@example.com');
    expect(() => open(key, envelope, 'phone')).toThrow();
    expect(() => open(key, { ...envelope, kid: 'sk1:u2' }, 'email')).toThrow();
    expect(() => open(randomBytes(32), envelope, 'email')).toThrow();
  });

  it('wraps subject keys and derives stable, tenant-scoped lookup hashes', () => {
    const dataKey = randomBytes(32);
    expect(keys.unwrapKey(keys.wrapKey(dataKey, 'k'), 'k').equals(dataKey)).toBe(true);
    expect(() => keys.unwrapKey(keys.wrapKey(dataKey, 'k'), 'other')).toThrow();
    expect(keys.lookupHash('t1', 'email', 'a@b.c')).toBe(new PiiKeys(Buffer.from('a'.repeat(40))).lookupHash('t1', 'email', 'a@b.c'));
    expect(keys.lookupHash('t1', 'email', 'a@b.c')).not.toBe(keys.lookupHash('t2', 'email', 'a@b.c'));
    expect(keys.lookupHash('t1', 'email', 'a@b.c')).not.toBe(new PiiKeys(Buffer.from('b'.repeat(40))).lookupHash('t1', 'email', 'a@b.c'));
  });

  it('mints 6-digit codes and 128-bit token secrets', () => {
    const codes = Array.from({ length: 2000 }, otpCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    const secret = randomSecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(16);
    const token = formatToken('rt', '0190a0b0-0000-7000-8000-000000000001', '0190a0b0-0000-7000-8000-000000000002', secret);
    expect(parseToken('rt', token)).toEqual({ userId: '0190a0b0-0000-7000-8000-000000000001', id: '0190a0b0-0000-7000-8000-000000000002', secret });
    expect(parseToken('pr', token)).toBeNull();
  });
});

describe('passwords', () => {
  it('accepts 8 to 64 characters, refuses longer with the field named, and refuses common ones', () => {
    expect(() => checkPassword('Correct-Horse-9', 'password')).not.toThrow();
    expect(() => checkPassword('é'.repeat(64), 'password')).not.toThrow();
    expect(() => checkPassword('x'.repeat(65), 'password')).toThrow(expect.objectContaining({ code: 'IDENTITY.INVALID_INPUT', details: { errors: [expect.objectContaining({ field: 'password' })] } }));
    expect(() => checkPassword('short', 'newPassword')).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'newPassword' })] } }));
    for (const common of ['password', 'iloveyou', 'Baseball', 'trustno1', 'qwertyuiop']) {
      expect(() => checkPassword(common, 'password')).toThrow(expect.objectContaining({ code: 'IDENTITY.WEAK_PASSWORD' }));
    }
  });

  it('hashes with bcrypt without truncating long multi-byte passwords', async () => {
    const hasher = new PasswordHasher(4);
    const long = '密'.repeat(60);
    const hash = await hasher.hash(long);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.verify(long, hash)).toBe(true);
    // The first 72 bytes are the same: plain bcrypt would accept this.
    expect(await hasher.verify(`${'密'.repeat(59)}x`, hash)).toBe(false);
  });
});
