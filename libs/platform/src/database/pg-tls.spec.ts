import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeerCertificate } from 'node:tls';
import { pgConnectionConfig, pgSslMode, PgTlsError, withLibpqTlsDefaults } from './pg-tls';

/** Enough of a peer certificate for tls.checkServerIdentity: its names. */
const certificateFor = (subjectaltname: string) => ({ subject: { CN: 'db' }, subjectaltname }) as unknown as PeerCertificate;

describe('pgConnectionConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-pg-tls-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verify-full: reads the CA, drops the TLS parameters from the URL, and checks the host dialled, an IP address too', () => {
    const { connectionString, ssl } = pgConnectionConfig(`postgresql://app:secret@10.0.0.5:6432/tally?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}&schema=x`);
    expect(connectionString).toBe('postgresql://app:secret@10.0.0.5:6432/tally?schema=x');
    if (!ssl) throw new Error('expected TLS');
    expect(ssl).toMatchObject({ ca: expect.stringContaining('BEGIN CERTIFICATE'), rejectUnauthorized: true });
    expect(ssl.checkServerIdentity?.('10.0.0.5', certificateFor('IP Address:10.0.0.5'))).toBeUndefined();
    // node-postgres alone checks an IP host against "localhost": a certificate for localhost passed.
    expect(ssl.checkServerIdentity?.('localhost', certificateFor('DNS:localhost'))).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('verify-full without sslrootcert (or sslrootcert=system) trusts Node’s public CAs, still checking the name', () => {
    for (const url of ['postgresql://db.example.com/tally?sslmode=verify-full', 'postgresql://db.example.com/tally?sslmode=verify-full&sslrootcert=system']) {
      const { ssl } = pgConnectionConfig(url);
      if (!ssl) throw new Error('expected TLS');
      expect(ssl.ca).toBeUndefined();
      expect(ssl.checkServerIdentity?.('db.example.com', certificateFor('DNS:other.example.com'))).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      expect(ssl.checkServerIdentity?.('db.example.com', certificateFor('DNS:db.example.com'))).toBeUndefined();
    }
  });

  it('verify-ca checks the chain, not the name; require is unauthenticated unless a CA is named (libpq)', () => {
    const verifyCa = pgConnectionConfig(`postgresql://h/db?sslmode=verify-ca&sslrootcert=${ca}`).ssl;
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true });
    expect(verifyCa && verifyCa.checkServerIdentity?.('h', certificateFor('DNS:elsewhere'))).toBeUndefined();
    expect(pgConnectionConfig('postgresql://h/db?sslmode=require').ssl).toMatchObject({ rejectUnauthorized: false });
    expect(pgConnectionConfig(`postgresql://h/db?sslmode=require&sslrootcert=${ca}`).ssl).toMatchObject({ rejectUnauthorized: true });
  });

  it('plaintext without sslmode or with disable', () => {
    expect(pgConnectionConfig('postgresql://postgres@127.0.0.1:5432/test')).toEqual({ connectionString: 'postgresql://postgres@127.0.0.1:5432/test', ssl: false });
    expect(pgConnectionConfig('postgresql://postgres@127.0.0.1:5432/test?sslmode=disable').ssl).toBe(false);
  });

  it('refuses modes that may fall back to plaintext, and certificate files it cannot read', () => {
    expect(() => pgSslMode('postgresql://h/db?sslmode=prefer')).toThrow(new PgTlsError('sslmode=prefer is not supported: use disable, require, verify-ca or verify-full'));
    expect(() => pgConnectionConfig('postgresql://h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem')).toThrow('sslrootcert /nonexistent/ca.pem cannot be read: ENOENT');
  });
});

describe('withLibpqTlsDefaults', () => {
  it('fills sslmode and sslrootcert from PGSSLMODE and PGSSLROOTCERT where the URL names none', () => {
    const env = { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/ssl/db-ca.pem' };
    expect(new URL(withLibpqTlsDefaults('postgresql://h/db', env)).searchParams.get('sslrootcert')).toBe('/etc/ssl/db-ca.pem');
    expect(pgSslMode(withLibpqTlsDefaults('postgresql://h/db', env))).toBe('verify-full');
    expect(pgSslMode(withLibpqTlsDefaults('postgresql://h/db?sslmode=disable', env))).toBe('disable');
    expect(withLibpqTlsDefaults('postgresql://postgres@127.0.0.1:5432/test', {})).toBe('postgresql://postgres@127.0.0.1:5432/test');
  });
});
