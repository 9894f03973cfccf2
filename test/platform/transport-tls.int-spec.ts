import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer, get as httpsGet } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import { Client } from 'pg';
import { mikroOrmConnection, openPool, openRedis } from '@tally/platform';
import { createApp } from '../../apps/api/src/create-app';
import { loadHttpsListenerConfig } from '../../apps/api/src/http/https-listener.config';
import { PgServer, replicationAvailable, startPrimary } from '../support/replication';
import { TestPki } from '../support/test-pki';
import { startTlsRedis, TlsRedis } from '../support/tls-redis';

/**
 * TLS in transit against real peers (issue 19): a throw-away PostgreSQL 15 cluster with ssl=on
 * that refuses plaintext to its `tally_tls` database, a TLS-only redis-server, and the API's
 * HTTPS listener, all with certificates from a CA made here. The server certificate names
 * `localhost` only, so dialling 127.0.0.1 is the wrong host name.
 */
const DATABASE = 'tally_tls';
const SECRETS = { JWT_SECRET: 'j'.repeat(40), TALLY_MASTER_KEY: 'm'.repeat(40), IDENTITY_PII_HMAC_KEY: 'i'.repeat(40) };
const describeIfPg = replicationAvailable() ? describe : describe.skip;

describeIfPg('TLS in transit', () => {
  const pki = TestPki.create('Tally Test CA');
  const stranger = TestPki.create('Stranger CA');
  const server = pki.issue(['DNS:localhost']);
  let postgres: PgServer;
  let redis: TlsRedis;

  const pgUrl = (host: string, caFile = pki.caFile): string => `postgresql://postgres@${host}:${postgres.port}/${DATABASE}?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`;
  const redisUrl = (host: string): string => `rediss://${host}:${redis.port}`;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrimary({ tls: { cert: server.cert, key: server.key, requiredFor: [DATABASE] } }), startTlsRedis(server, pki.caFile)]);
    await postgres.query(`create database ${DATABASE}`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
    pki.remove();
    stranger.remove();
  });

  describe('PostgreSQL', () => {
    it('refuses plaintext to the database: every connection the other tests make there is encrypted', async () => {
      const client = new Client({ connectionString: `postgresql://postgres@localhost:${postgres.port}/${DATABASE}` });
      await expect(client.connect()).rejects.toThrow(/no encryption/);
    });

    it('the pg pool connects with verify-full, and is refused by a CA that did not sign the server or by a host name the certificate does not carry', async () => {
      const pool = openPool(pgUrl('localhost'), { max: 1, applicationName: 'tally-tls-test' });
      try {
        const [session] = (await pool.query<{ ssl: boolean; version: string }>('select ssl, version from pg_stat_ssl where pid = pg_backend_pid()')).rows;
        expect(session).toEqual({ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) });
      } finally {
        await pool.end();
      }
      await expectPoolRefused(pgUrl('localhost', stranger.caFile), /certificate/);
      // node-postgres alone checks an IP address host against the name "localhost" and would let this one in.
      await expectPoolRefused(pgUrl('127.0.0.1'), /IP: 127\.0\.0\.1 is not in the cert's list/);
    });

    it('MikroORM, primary and replica, connects with verify-full; a replica does not borrow the primary’s TLS settings', async () => {
      const tls = (replicaUrl: string) =>
        MikroORM.init({
          driver: PostgreSqlDriver,
          ...mikroOrmConnection(pgUrl('localhost'), 'tally-tls-orm'),
          replicas: [mikroOrmConnection(replicaUrl, 'tally-tls-orm-replica')],
          entities: [],
          discovery: { warnWhenNoEntities: false },
          allowGlobalContext: true,
        });
      const sslOf = (orm: MikroORM, type: 'read' | 'write') => orm.em.getConnection(type).execute<{ ssl: boolean }[]>('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
      const orm = await tls(pgUrl('localhost'));
      try {
        expect(await sslOf(orm, 'write')).toEqual([{ ssl: true }]);
        expect(await sslOf(orm, 'read')).toEqual([{ ssl: true }]);
      } finally {
        await orm.close(true);
      }
      // A replica dialled by the wrong name, and one that names no CA (Node's public CAs, which
      // did not sign this server): each refused on its own settings, the primary unaffected.
      for (const [replicaUrl, reason] of [
        [pgUrl('127.0.0.1'), /is not in the cert's list/],
        [`postgresql://postgres@localhost:${postgres.port}/${DATABASE}?sslmode=verify-full`, /certificate/],
      ] as const) {
        const wrongReplica = await tls(replicaUrl);
        try {
          expect(await sslOf(wrongReplica, 'write')).toEqual([{ ssl: true }]);
          await expect(sslOf(wrongReplica, 'read')).rejects.toThrow(reason);
        } finally {
          await wrongReplica.close(true);
        }
      }
    });

    async function expectPoolRefused(url: string, reason: RegExp): Promise<void> {
      const pool = openPool(url, { max: 1, applicationName: 'tally-tls-test' });
      try {
        await expect(pool.query('select 1')).rejects.toThrow(reason);
      } finally {
        await pool.end();
      }
    }
  });

  describe('Redis', () => {
    it('connects over rediss:// trusting REDIS_TLS_CA_FILE, and is refused by a wrong CA or host name', async () => {
      const client = openRedis(redisUrl('localhost'), 'tally-tls-test', { tlsCa: pki.ca });
      try {
        expect(await client.ping()).toBe('PONG');
      } finally {
        client.disconnect();
      }
      await expectRedisRefused(redisUrl('localhost'), stranger.ca, /certificate/);
      await expectRedisRefused(redisUrl('127.0.0.1'), pki.ca, /IP: 127\.0\.0\.1 is not in the cert's list/);
    });

    async function expectRedisRefused(url: string, tlsCa: string, reason: RegExp): Promise<void> {
      const client = openRedis(url, 'tally-tls-test', { tlsCa, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      try {
        const refusal = await new Promise<Error>((resolve) => client.once('error', resolve));
        expect(refusal.message).toMatch(reason);
        expect(client.status).not.toBe('ready');
      } finally {
        client.disconnect();
      }
    }
  });

  describe('HTTPS listener settings', () => {
    it('refuses half a pair, an unreadable file and a key that is not the certificate’s, each with one line', () => {
      const other = pki.issue(['DNS:localhost']);
      expect(() => loadHttpsListenerConfig({ TLS_CERT_FILE: server.certFile })).toThrow('Invalid configuration: TLS_KEY_FILE is required with TLS_CERT_FILE (the HTTPS listener needs both)');
      expect(() => loadHttpsListenerConfig({ TLS_KEY_FILE: server.keyFile })).toThrow('Invalid configuration: TLS_CERT_FILE is required with TLS_KEY_FILE (the HTTPS listener needs both)');
      expect(() => loadHttpsListenerConfig({ TLS_CA_FILE: pki.caFile })).toThrow('Invalid configuration: TLS_CA_FILE is set without TLS_CERT_FILE and TLS_KEY_FILE');
      expect(() => loadHttpsListenerConfig({ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: server.keyFile })).toThrow('Invalid configuration: TLS_CERT_FILE names /nonexistent/cert.pem, which cannot be read (ENOENT)');
      expect(() => loadHttpsListenerConfig({ TLS_CERT_FILE: server.keyFile, TLS_KEY_FILE: server.keyFile })).toThrow('Invalid configuration: TLS_CERT_FILE names');
      expect(() => loadHttpsListenerConfig({ TLS_CERT_FILE: server.certFile, TLS_KEY_FILE: other.keyFile })).toThrow('Invalid configuration: TLS_KEY_FILE cannot be used with TLS_CERT_FILE: key values mismatch');
      expect(loadHttpsListenerConfig({})).toBeUndefined();
    });

    it('TLS_CA_FILE completes the chain of a certificate from an intermediate CA', async () => {
      const intermediate = pki.intermediate('Tally Test Intermediate');
      const leaf = intermediate.issue(['DNS:localhost']);
      const withChain = loadHttpsListenerConfig({ TLS_CERT_FILE: leaf.certFile, TLS_KEY_FILE: leaf.keyFile, TLS_CA_FILE: intermediate.certificate.certFile });
      const leafOnly = loadHttpsListenerConfig({ TLS_CERT_FILE: leaf.certFile, TLS_KEY_FILE: leaf.keyFile });
      expect(await statusFrom(withChain)).toBe(200);
      await expect(statusFrom(leafOnly)).rejects.toThrow(/unable to verify the first certificate/);
    });

    /** A bare HTTPS server with these settings, asked once by a client that trusts the root CA only. */
    async function statusFrom(settings: ReturnType<typeof loadHttpsListenerConfig>): Promise<number> {
      const bare = createServer(settings ?? {}, (_request, response) => response.end('ok'));
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
      try {
        return (await httpsRequest(`https://localhost:${(bare.address() as AddressInfo).port}/`, pki.ca)).status;
      } finally {
        bare.closeAllConnections();
        await new Promise((resolve) => bare.close(resolve));
      }
    }
  });

  describe('the API in production', () => {
    let app: NestFastifyApplication | undefined;
    let port = 0;
    const dataDir = mkdtempSync(join(tmpdir(), 'tally-tls-api-'));
    const intermediate = pki.intermediate('Tally API Intermediate');
    const apiCertificate = intermediate.issue(['DNS:localhost']);

    beforeAll(async () => {
      app = await createApp({
        env: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
          ...SECRETS,
          DATABASE_URL: pgUrl('localhost'),
          DATABASE_REPLICA_URLS: pgUrl('localhost'),
          REDIS_URL: redisUrl('localhost'),
          REDIS_TLS_CA_FILE: pki.caFile,
          TLS_CERT_FILE: apiCertificate.certFile,
          TLS_KEY_FILE: apiCertificate.keyFile,
          TLS_CA_FILE: intermediate.certificate.certFile,
        },
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.getHttpServer().address() as AddressInfo).port;
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers over HTTPS to a client trusting the CA, and not in plaintext', async () => {
      const ready = await httpsRequest(`https://localhost:${port}/health/ready`, pki.ca);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });
      await expect(httpsRequest(`https://localhost:${port}/health/live`, stranger.ca)).rejects.toThrow(/certificate/);
      await expect(plainRequest(`http://localhost:${port}/health/live`)).rejects.toThrow();
    });

    it('holds only encrypted connections to PostgreSQL (pools, MikroORM, projection locks) and Redis', async () => {
      const sessions = await postgres.query<{ application_name: string; ssl: boolean }>(
        'select a.application_name, s.ssl from pg_stat_activity a join pg_stat_ssl s using (pid) where a.datname = $1 order by 1',
        [DATABASE],
      );
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.filter((session) => !session.ssl)).toEqual([]);
      // The pools and MikroORM (tally-all) and the projections' lock connection; the database
      // refuses plaintext, so whatever else connects there (LISTEN, job locks) is encrypted too.
      expect(sessions.map((session) => session.application_name)).toEqual(expect.arrayContaining(['tally-all', 'tally-projections']));
      // The Redis server has no plaintext port: every client in its list came in over TLS.
      const admin = new Redis(redisUrl('localhost'), { tls: { ca: pki.ca }, maxRetriesPerRequest: 1 });
      try {
        const names = String(await admin.client('LIST'))
          .split('\n')
          .map((line) => /\bname=(\S*)/.exec(line)?.[1])
          .filter((name): name is string => Boolean(name));
        expect(names).toEqual(expect.arrayContaining(['tally']));
      } finally {
        admin.disconnect();
      }
    });
  });

  describe('refusing to start', () => {
    it('a plaintext DATABASE_URL in production stops the API (a cluster primary too) with one line, before any connection', async () => {
      const result = await runMain({ NODE_ENV: 'production', ...SECRETS, API_WORKERS: '2', DATABASE_URL: `postgresql://postgres@localhost:${postgres.port}/${DATABASE}` });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Invalid configuration: DATABASE_URL must use sslmode=verify-full with NODE_ENV=production (got sslmode=disable): add ?sslmode=verify-full&sslrootcert=<CA file> (or set PGSSLMODE and PGSSLROOTCERT)\n',
      });
    }, 120_000);

    it('so do plaintext Redis and an HTTPS key that is not the certificate’s', async () => {
      const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', ...SECRETS, DATABASE_URL: pgUrl('localhost') };
      await expect(createApp({ env: { ...env, REDIS_URL: `redis://localhost:${redis.port}` } })).rejects.toThrow('Invalid configuration: REDIS_URL must be a rediss:// (TLS) URL with NODE_ENV=production, got redis://');
      const other = pki.issue(['DNS:localhost']);
      await expect(createApp({ env: { ...env, TLS_CERT_FILE: server.certFile, TLS_KEY_FILE: other.keyFile } })).rejects.toThrow('Invalid configuration: TLS_KEY_FILE cannot be used with TLS_CERT_FILE: key values mismatch');
    });
  });
});

function httpsRequest(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsGet(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

function plainRequest(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error('no answer in plaintext')));
  });
}

/** The API's real entry point in a child process: its exit code and what it printed. */
function runMain(extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PORT: '0', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'tally-tls-main-')), ...extra };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '../..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      rmSync(env.DATA_DIR, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}
