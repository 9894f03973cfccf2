import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadPlatformConfig } from './platform.config';
import { isLoopbackHost } from './transport-security';

const PRODUCTION = { NODE_ENV: 'production' };
const TLS_DATABASE = 'postgresql://tally@db.internal:5432/tally?sslmode=verify-full';

describe('transport security in production (loadPlatformConfig)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-transport-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(join(dir, 'not-pem.txt'), 'hello');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with verify-full PostgreSQL and rediss:// Redis', () => {
    const config = loadPlatformConfig({ ...PRODUCTION, DATABASE_URL: `${TLS_DATABASE}&sslrootcert=${ca}`, DATABASE_REPLICA_URLS: `${TLS_DATABASE},${TLS_DATABASE}`, REDIS_URL: 'rediss://cache.internal:6380', REDIS_TLS_CA_FILE: ca });
    expect(config.redisTlsCa).toContain('BEGIN CERTIFICATE');
    expect(config.plaintextLoopbackAllowed).toBe(false);
  });

  it('takes sslmode and the CA from PGSSLMODE and PGSSLROOTCERT, as libpq does', () => {
    const config = loadPlatformConfig({ ...PRODUCTION, DATABASE_URL: 'postgresql://tally@db.internal/tally', PGSSLMODE: 'verify-full', PGSSLROOTCERT: ca });
    expect(new URL(config.databaseUrl ?? '').searchParams.get('sslrootcert')).toBe(ca);
  });

  it.each([
    [{ DATABASE_URL: 'postgresql://tally@db.internal/tally' }, 'DATABASE_URL must use sslmode=verify-full with NODE_ENV=production (got sslmode=disable)'],
    [{ DATABASE_URL: 'postgresql://tally@db.internal/tally?sslmode=require' }, 'DATABASE_URL must use sslmode=verify-full with NODE_ENV=production (got sslmode=require)'],
    [{ DATABASE_URL: `postgresql://tally@db.internal/tally?sslmode=verify-ca&sslrootcert=${ca}` }, 'DATABASE_URL must use sslmode=verify-full with NODE_ENV=production (got sslmode=verify-ca)'],
    [{ DATABASE_URL: TLS_DATABASE, DATABASE_REPLICA_URLS: `${TLS_DATABASE},postgresql://tally@replica.internal/tally` }, 'DATABASE_REPLICA_URLS[1] must use sslmode=verify-full'],
    [{ DATABASE_URL: TLS_DATABASE, REDIS_URL: 'redis://cache.internal:6379' }, 'REDIS_URL must be a rediss:// (TLS) URL with NODE_ENV=production, got redis://'],
    [{ DATABASE_URL: TLS_DATABASE, REDIS_URL: 'rediss://cache.internal:6380', REDIS_REPLICA_URL: 'redis://replica.internal:6379' }, 'REDIS_REPLICA_URL must be a rediss:// (TLS) URL'],
    // A loopback peer still needs the escape hatch said out loud.
    [{ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tally' }, 'DATABASE_URL must use sslmode=verify-full'],
    // The escape hatch is for this host only.
    [{ DATABASE_URL: 'postgresql://tally@db.internal/tally', ALLOW_PLAINTEXT_LOOPBACK: 'true' }, 'DATABASE_URL must use sslmode=verify-full'],
    [{ DATABASE_URL: TLS_DATABASE, REDIS_URL: 'redis://10.0.0.7:6379', ALLOW_PLAINTEXT_LOOPBACK: 'true' }, 'REDIS_URL must be a rediss://'],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => loadPlatformConfig({ ...PRODUCTION, ...env })).toThrow(ConfigError);
    expect(() => loadPlatformConfig({ ...PRODUCTION, ...env })).toThrow(`Invalid configuration: ${message}`);
  });

  it('refuses certificate files it cannot use, in any mode', () => {
    expect(() => loadPlatformConfig({ DATABASE_URL: 'postgresql://h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem' })).toThrow('Invalid configuration: DATABASE_URL sslrootcert /nonexistent/ca.pem cannot be read: ENOENT');
    expect(() => loadPlatformConfig({ DATABASE_URL: 'postgresql://h/db?sslmode=prefer' })).toThrow('Invalid configuration: DATABASE_URL sslmode=prefer is not supported');
    expect(() => loadPlatformConfig({ REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' })).toThrow('Invalid configuration: REDIS_TLS_CA_FILE names /nonexistent/ca.pem, which cannot be read (ENOENT)');
    expect(() => loadPlatformConfig({ REDIS_TLS_CA_FILE: join(dir, 'not-pem.txt') })).toThrow('which holds no PEM certificates');
  });

  it('lets peers on this host go without TLS with ALLOW_PLAINTEXT_LOOPBACK=true, and everything outside production', () => {
    const loopback = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tally', DATABASE_REPLICA_URLS: 'postgresql://postgres@localhost:5433/tally', REDIS_URL: 'redis://[::1]:6379' };
    expect(() => loadPlatformConfig({ ...PRODUCTION, ...loopback, ALLOW_PLAINTEXT_LOOPBACK: 'true' })).not.toThrow();
    expect(() => loadPlatformConfig({ ...PRODUCTION, DATABASE_URL: 'postgresql:///tally?host=/var/run/postgresql', ALLOW_PLAINTEXT_LOOPBACK: 'true' })).not.toThrow();
    expect(() => loadPlatformConfig({ DATABASE_URL: 'postgresql://tally@db.internal/tally', REDIS_URL: 'redis://cache.internal:6379' })).not.toThrow();
    // The embedded database (no DATABASE_URL) and in-process Redis (no REDIS_URL) have no network to protect.
    expect(() => loadPlatformConfig(PRODUCTION)).not.toThrow();
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.0.3', true],
    ['localhost', true],
    ['[::1]', true],
    ['/var/run/postgresql', true],
    ['128.0.0.1', false],
    ['db.internal', false],
    ['localhost.evil.example', false],
    ['', false],
  ])('%s → %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});
