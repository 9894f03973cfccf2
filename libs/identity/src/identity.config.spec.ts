import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentityConfig } from './identity.config';

describe('identity configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tally-identity-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates JWT and PII secrets once under DATA_DIR with mode 0600, and keeps them across restarts', () => {
    const first = loadIdentityConfig({}, { dataDir });
    const again = loadIdentityConfig({}, { dataDir });
    expect(first.jwt.algorithm).toBe('HS256');
    expect(first.jwt.algorithm === 'HS256' && again.jwt.algorithm === 'HS256' && first.jwt.secret.equals(again.jwt.secret)).toBe(true);
    expect(first.piiSecret.equals(again.piiSecret)).toBe(true);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'identity-pii-key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toHaveLength(43);
    expect(first).toMatchObject({ bcryptCost: 12, jwt: { accessTtlSeconds: 900 }, otp: { ttlSeconds: 300, maxFailures: 5, lockoutSeconds: 900 }, passwordResetTtlSeconds: 1800 });
  });

  it('generates an Ed25519 key for EdDSA', () => {
    const config = loadIdentityConfig({ JWT_ALGORITHM: 'EdDSA' }, { dataDir });
    expect(config.jwt.algorithm === 'EdDSA' && config.jwt.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it.each([
    [{ JWT_ALGORITHM: 'RS256' }, 'JWT_ALGORITHM must be one of HS256, EdDSA'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ BCRYPT_COST: '4', NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), IDENTITY_PII_HMAC_KEY: 'p'.repeat(32) }, 'BCRYPT_COST must be at least 10'],
    [{ SMS_DRIVER: 'http' }, 'SMS_HTTP_URL is required when SMS_DRIVER=http'],
    [{ SMS_DRIVER: 'twilio' }, 'TWILIO_ACCOUNT_SID is required'],
    [{ TALLY_BOOTSTRAP_ADMIN: 'nobody' }, 'TALLY_BOOTSTRAP_ADMIN must be email:password'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must use smtp or smtps://'],
  ])('stops with a message naming the setting: %j', (env, message) => {
    expect(() => loadIdentityConfig(env, { dataDir })).toThrow(message);
  });

  it.each([
    [{}, 'JWT_SECRET is required with NODE_ENV=production'],
    [{ JWT_SECRET: 'j'.repeat(32) }, 'IDENTITY_PII_HMAC_KEY is required with NODE_ENV=production'],
    [{ JWT_ALGORITHM: 'EdDSA', IDENTITY_PII_HMAC_KEY: 'p'.repeat(32) }, 'JWT_PRIVATE_KEY is required with NODE_ENV=production'],
  ])('generates no secret in production, even when DATA_DIR holds one: %j', (env, message) => {
    loadIdentityConfig({}, { dataDir });
    loadIdentityConfig({ JWT_ALGORITHM: 'EdDSA' }, { dataDir });
    expect(() => loadIdentityConfig({ NODE_ENV: 'production', ...env }, { dataDir })).toThrow(message);
  });

  it('starts in production on configured secrets', () => {
    const config = loadIdentityConfig({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), IDENTITY_PII_HMAC_KEY: 'p'.repeat(32) }, { dataDir: join(dataDir, 'never-created') });
    expect(config.piiSecret.toString()).toBe('p'.repeat(32));
    expect(() => statSync(join(dataDir, 'never-created'))).toThrow();
  });

  it('allows a low bcrypt cost only under NODE_ENV=test', () => {
    expect(loadIdentityConfig({ BCRYPT_COST: '4', NODE_ENV: 'test' }, { dataDir }).bcryptCost).toBe(4);
    expect(loadIdentityConfig({ TALLY_BOOTSTRAP_ADMIN: 'Root@X.test:pa:ss-word-1' }, { dataDir }).bootstrapAdmin).toEqual({ email: 'root@x.test', password: 'pa:ss-word-1' });
  });
});
