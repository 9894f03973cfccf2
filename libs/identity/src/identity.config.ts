import { existsSync, readFileSync } from 'node:fs';
import { generateKeyPairSync, KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, configuredOrKeptSecret, Env, EnvReader, keepFile, PlatformConfig, refuseGeneratedSecret } from '@tally/platform';

export type JwtAlgorithm = 'HS256' | 'EdDSA';
export type SmsDriver = 'log' | 'http' | 'twilio';

/** Keys for signing access tokens: a shared secret (HS256) or an Ed25519 pair (EdDSA). */
export type JwtKeys =
  | { algorithm: 'HS256'; secret: Buffer }
  | { algorithm: 'EdDSA'; privateKey: KeyObject; publicKey: KeyObject };

export interface OtpPolicy {
  /** Code lifetime (default 5 minutes); a tenant setting may shorten or lengthen it later. */
  ttlSeconds: number;
  maxFailures: number;
  failureWindowSeconds: number;
  lockoutSeconds: number;
  /** Codes one destination (phone number or address) may be sent per hour. */
  requestsPerSubjectPerHour: number;
  /** Codes all numbers sharing a prefix (first digits of E.164) may be sent per hour: SMS pumping. */
  requestsPerPrefixPerHour: number;
  prefixDigits: number;
}

export interface LoginPolicy {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export interface IdentityConfig {
  jwt: JwtKeys & { issuer: string; audience: string; accessTtlSeconds: number };
  refreshTtlSeconds: number;
  passwordResetTtlSeconds: number;
  bcryptCost: number;
  /** Secret from which the PII lookup-hash key, the key-wrapping key and the OTP pepper derive. */
  piiSecret: Buffer;
  otp: OtpPolicy;
  login: LoginPolicy;
  /** Seconds a session's validity is cached by the auth guard on other processes (own logouts apply at once). */
  sessionCacheSeconds: number;
  bootstrapAdmin: { email: string; password: string } | null;
  mail: { smtpUrl: string | null; from: string };
  sms: { driver: SmsDriver; httpUrl: string | null; twilio: { accountSid: string; authToken: string; from: string; apiBaseUrl: string | null } | null };
}

export const IDENTITY_CONFIG = Symbol('IdentityConfig');

/**
 * Identity settings, validated once at boot. Secrets absent from the environment are generated
 * on first start and kept under DATA_DIR with mode 0600, so restarts keep sessions and hashes;
 * with NODE_ENV=production they must be set (JWT_SECRET or JWT_PRIVATE_KEY, IDENTITY_PII_HMAC_KEY).
 *
 * BCRYPT_COST defaults to 12 and may not go below 10 outside NODE_ENV=test, where 4 is allowed
 * so the end-to-end suite stays quick; hashes record their own cost, so lowering it never
 * breaks existing passwords.
 */
export function loadIdentityConfig(env: Env, platform: Pick<PlatformConfig, 'dataDir'>): IdentityConfig {
  const read = new EnvReader(env);
  const testing = read.optionalString('NODE_ENV') === 'test';
  const algorithm = read.oneOf<JwtAlgorithm>('JWT_ALGORITHM', ['HS256', 'EdDSA'], 'HS256');
  const keys = algorithm === 'HS256' ? hsKeys(read, platform.dataDir) : edKeys(read, platform.dataDir);
  return {
    jwt: {
      ...keys,
      issuer: read.string('JWT_ISSUER', 'tally'),
      audience: read.string('JWT_AUDIENCE', 'tally-api'),
      accessTtlSeconds: read.int('JWT_ACCESS_TTL_SECONDS', 900, { min: 60, max: 3600 }),
    },
    refreshTtlSeconds: read.int('JWT_REFRESH_TTL_SECONDS', 30 * 86_400, { min: 3600, max: 90 * 86_400 }),
    passwordResetTtlSeconds: read.int('PASSWORD_RESET_TTL_SECONDS', 1800, { min: 300, max: 86_400 }),
    bcryptCost: read.int('BCRYPT_COST', 12, { min: testing ? 4 : 10, max: 15 }),
    piiSecret: configuredOrKeptSecret(read, 'IDENTITY_PII_HMAC_KEY', join(platform.dataDir, 'identity-pii-key')),
    otp: {
      ttlSeconds: read.int('OTP_TTL_SECONDS', 300, { min: 60, max: 3600 }),
      maxFailures: read.int('OTP_MAX_FAILURES', 5, { min: 1, max: 20 }),
      failureWindowSeconds: read.int('OTP_FAILURE_WINDOW_SECONDS', 900, { min: 60, max: 86_400 }),
      lockoutSeconds: read.int('OTP_LOCKOUT_SECONDS', 900, { min: 60, max: 86_400 }),
      requestsPerSubjectPerHour: read.int('OTP_REQUESTS_PER_SUBJECT_PER_HOUR', 5, { min: 1, max: 1000 }),
      requestsPerPrefixPerHour: read.int('OTP_REQUESTS_PER_PREFIX_PER_HOUR', 100, { min: 1, max: 1_000_000 }),
      prefixDigits: read.int('OTP_PREFIX_DIGITS', 6, { min: 3, max: 10 }),
    },
    login: {
      maxFailuresPerAccount: read.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, { min: 1, max: 100 }),
      maxFailuresPerIp: read.int('LOGIN_MAX_FAILURES_PER_IP', 30, { min: 1, max: 10_000 }),
      windowSeconds: read.int('LOGIN_FAILURE_WINDOW_SECONDS', 900, { min: 60, max: 86_400 }),
      lockoutSeconds: read.int('LOGIN_LOCKOUT_SECONDS', 900, { min: 60, max: 86_400 }),
    },
    sessionCacheSeconds: read.int('SESSION_CACHE_SECONDS', 5, { min: 0, max: 60 }),
    bootstrapAdmin: bootstrapAdmin(read),
    mail: {
      smtpUrl: read.url('SMTP_URL', ['smtp', 'smtps'])?.toString() ?? null,
      from: read.string('MAIL_FROM', 'Tally <no-reply@tally.local>'),
    },
    sms: smsConfig(read),
  };
}

function bootstrapAdmin(read: EnvReader): IdentityConfig['bootstrapAdmin'] {
  const raw = read.optionalString('TALLY_BOOTSTRAP_ADMIN');
  if (raw === undefined) return null;
  const colon = raw.indexOf(':');
  const email = colon > 0 ? raw.slice(0, colon).trim().toLowerCase() : '';
  const password = colon > 0 ? raw.slice(colon + 1) : '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 8) {
    throw new ConfigError('TALLY_BOOTSTRAP_ADMIN', 'must be email:password with a password of at least 8 characters');
  }
  return { email, password };
}

function smsConfig(read: EnvReader): IdentityConfig['sms'] {
  const driver = read.oneOf<SmsDriver>('SMS_DRIVER', ['log', 'http', 'twilio'], 'log');
  const httpUrl = read.url('SMS_HTTP_URL', ['http', 'https'])?.toString() ?? null;
  if (driver === 'http' && !httpUrl) throw new ConfigError('SMS_HTTP_URL', 'is required when SMS_DRIVER=http');
  let twilio: IdentityConfig['sms']['twilio'] = null;
  if (driver === 'twilio') {
    twilio = {
      accountSid: read.string('TWILIO_ACCOUNT_SID'),
      authToken: read.string('TWILIO_AUTH_TOKEN'),
      from: read.string('TWILIO_FROM'),
      apiBaseUrl: read.url('TWILIO_API_URL', ['http', 'https'])?.toString() ?? null,
    };
  }
  return { driver, httpUrl, twilio };
}

function hsKeys(read: EnvReader, dataDir: string): JwtKeys {
  return { algorithm: 'HS256', secret: configuredOrKeptSecret(read, 'JWT_SECRET', join(dataDir, 'jwt-secret')) };
}

function edKeys(read: EnvReader, dataDir: string): JwtKeys {
  let pem = read.optionalString('JWT_PRIVATE_KEY')?.replace(/\\n/g, '\n');
  if (!pem) {
    refuseGeneratedSecret(read, 'JWT_PRIVATE_KEY');
    const file = join(dataDir, 'jwt-ed25519.pem');
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      keepFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    pem = readFileSync(file, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError('JWT_PRIVATE_KEY', 'is not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError('JWT_PRIVATE_KEY', 'must be an Ed25519 key for EdDSA');
  return { algorithm: 'EdDSA', privateKey, publicKey: createPublicKey(privateKey) };
}
