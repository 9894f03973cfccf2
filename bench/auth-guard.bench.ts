/**
 * What @nestjs/passport costs on the authentication path: CPU per authenticated request of the
 * global guard (AuthGuard → passport → BearerStrategy → BearerAuthenticator) beside the same checks
 * called directly (reflector lookups + BearerAuthenticator, the guard as it was without passport).
 * Same token, same verified-token cache and session-revocation cache (a real `sessions` table on the
 * local PostgreSQL, asked once per cache period), interleaved rounds in one process so that the
 * machine's other load hits both alike. Knobs: BENCH_AUTH_ROUNDS (10), BENCH_AUTH_PER_ROUND (20000).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Pool } from 'pg';
import { IS_PUBLIC, REQUIRED_ROLES, SystemClock } from '@tally/platform';
import { TallyAuthGuard } from '../libs/identity/src/auth/auth.guard';
import { BearerAuthenticator, BearerRequest } from '../libs/identity/src/auth/bearer-authenticator';
import { BearerStrategy } from '../libs/identity/src/auth/bearer.strategy';
import { JwtCodec } from '../libs/identity/src/auth/jwt-codec';
import { SessionRevocations } from '../libs/identity/src/auth/session-revocations';
import { loadIdentityConfig } from '../libs/identity/src/identity.config';
import { createBenchDatabase } from './support/pg-bench';

const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_AUTH_PER_ROUND ?? 20_000);

class VotesController {}
function castVote(): void {}

async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-bench-auth-'));
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    await pool.query('create table sessions (session_id text primary key, revoked_at timestamptz)');
    const config = loadIdentityConfig({ JWT_SECRET: 'b'.repeat(40), IDENTITY_PII_HMAC_KEY: 'p'.repeat(40) }, { dataDir });
    const codec = new JwtCodec(config.jwt);
    const bearer = new BearerAuthenticator(codec, new SessionRevocations(pool, config), new SystemClock());
    const reflector = new Reflector();
    const strategy = new BearerStrategy(bearer);
    const guard = new TallyAuthGuard(reflector, strategy);
    const tenant = { id: 't1', slug: 'demo' };
    const token = codec.sign({ sub: 'u1', tid: tenant.id, sid: 's1', roles: ['voter'] }, new Date()).token;

    // A fresh request per call, as each HTTP request is (passport decorates the request object).
    const request = (): BearerRequest => ({ headers: { authorization: `Bearer ${token}` }, tallyContext: { requestId: 'r', clientIp: null, tenant } });
    const context = (req: BearerRequest): ExecutionContext =>
      ({
        getType: () => 'http',
        getHandler: () => castVote,
        getClass: () => VotesController,
        switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}), getNext: () => undefined }),
      }) as unknown as ExecutionContext;
    const direct = async (): Promise<void> => {
      const req = request();
      const targets = [castVote, VotesController];
      if (reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return;
      if (!(await bearer.authenticate(req))) throw new Error('token refused');
      reflector.getAllAndOverride(REQUIRED_ROLES, targets);
    };
    const throughPassport = async (): Promise<void> => {
      await guard.canActivate(context(request()));
    };
    const variants = { direct, passport: throughPassport };
    const microsPerCall = async (run: () => Promise<void>): Promise<number> => {
      const start = process.cpuUsage();
      for (let i = 0; i < PER_ROUND; i++) await run();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / PER_ROUND;
    };

    for (const run of Object.values(variants)) for (let i = 0; i < 3; i++) await microsPerCall(run); // warm-up
    const samples: Record<keyof typeof variants, number[]> = { direct: [], passport: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: (keyof typeof variants)[] = round % 2 === 0 ? ['direct', 'passport'] : ['passport', 'direct'];
      for (const name of order) samples[name].push(await microsPerCall(variants[name]));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    console.log(`${ROUNDS} interleaved rounds of ${PER_ROUND} authentications each, CPU per authentication (median; all rounds):`);
    for (const name of ['direct', 'passport'] as const) {
      console.log(`  ${name.padEnd(8)}: ${median(samples[name]).toFixed(2)} µs  (${samples[name].map((value) => value.toFixed(2)).join(', ')})`);
    }
    console.log(`  passport adds ${(median(samples.passport) - median(samples.direct)).toFixed(2)} µs per authenticated request`);
    strategy.onModuleDestroy();
  } finally {
    await pool.end();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
