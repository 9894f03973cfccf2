import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { DeadLetterService, EVENT_STORE, EventStore, EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { jobsSchema } from '@tally/jobs';
import { createTestDatabase, DatabaseModule, PlatformModule, TestDatabase } from '@tally/platform';
import { CdnModule } from '../../cdn.module';

const ENV = {
  PROJECTIONS_POLL_MS: '20',
  PROJECTIONS_MAX_ATTEMPTS: '2',
  PROJECTIONS_QUICK_RETRY_MS: '2',
  PROJECTIONS_RETRY_BASE_MS: '20',
  PROJECTIONS_RETRY_MAX_MS: '200',
  PROJECTIONS_PARKED_MAX_RETRIES: '0',
  PROJECTIONS_MAX_PARKED_IN_A_ROW: '1',
  PROJECTIONS_LOCK_RETRY_MS: '50',
  CDN_PURGE_TOKEN: 'purge-token',
};

async function eventually(check: () => void | Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A local purge endpoint: records the keys of each authorised POST, or answers `failWith`. */
function purgeEndpoint() {
  const calls: { header: string | undefined; keys: string[] }[] = [];
  const state = { failWith: null as number | null };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.headers.authorization !== 'Bearer purge-token') return void response.writeHead(401).end();
      if (state.failWith) return void response.writeHead(state.failWith).end('down');
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { surrogate_keys: string[] };
      calls.push({ header: request.headers['surrogate-key'] as string | undefined, keys: body.surrogate_keys });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  return { calls, state, server };
}

describe('CDN purge reactor (PostgreSQL, local purge endpoint)', () => {
  let database: TestDatabase;
  let app: TestingModule;
  const endpoint = purgeEndpoint();
  const tenantId = randomUUID();
  const contestId = randomUUID();
  const meta = () => ({ tenantId, actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null });

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/purge`;
    database = await createTestDatabase('postgres');
    app = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ env: { DATABASE_URL: database.url, ...ENV, CDN_PURGE_URL: url } }), DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema]), EventStoreModule, ProjectionsModule.forRoot({ run: true }), CdnModule],
    }).compile();
    app.useLogger(false);
    await app.init();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.drop();
    endpoint.server.closeAllConnections();
    await new Promise((resolve) => endpoint.server.close(resolve));
  });

  it('purges the contest, its leaderboard and log head, and the branding, each key once per batch; a failing purge is parked and replayed', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const votes = Array.from({ length: 30 }, () => ({ type: 'VoteCast', data: { contestId, voteId: randomUUID() }, metadata: meta() }));
    await store.append(`voter-${tenantId}.u1`, votes, 'any');
    await store.append(`contest-${tenantId}.${contestId}`, [{ type: 'ContestStatusChanged', data: { contestId, from: 'open', to: 'closed' }, metadata: meta() }], 'any');
    await store.append(`tenant-${tenantId}`, [{ type: 'TenantBrandingApproved', data: { tenantId }, metadata: meta() }], 'any');
    const expected = [`leaderboard-${contestId}`, `tree-head-${contestId}`, `contest-${contestId}`, `branding-${tenantId}`];
    await eventually(() => expect(new Set(endpoint.calls.flatMap((c) => c.keys))).toEqual(new Set(expected)));
    // Thirty votes: one purge call names their two keys (batches, not a call per vote).
    const voteKeys = endpoint.calls.flatMap((c) => c.keys).filter((k) => k.startsWith('leaderboard-'));
    expect(voteKeys.length).toBeLessThanOrEqual(2);
    for (const call of endpoint.calls) expect(call.header).toBe(call.keys.join(' '));

    endpoint.state.failWith = 503;
    endpoint.calls.length = 0;
    await store.append(`voter-${tenantId}.u2`, [{ type: 'VoteRefunded', data: { contestId }, metadata: meta() }], 'any');
    const deadLetters = app.get(DeadLetterService);
    await eventually(async () => expect(await deadLetters.list('cdn.purge')).toHaveLength(1));
    const [parked] = await deadLetters.list('cdn.purge');
    expect(parked.error).toContain('CDN purge failed: HTTP 503');
    endpoint.state.failWith = null;
    expect((await deadLetters.replay(parked.id)).status).toBe('replayed');
    expect(endpoint.calls).toEqual([{ header: `leaderboard-${contestId} tree-head-${contestId}`, keys: [`leaderboard-${contestId}`, `tree-head-${contestId}`] }]);
  }, 90_000);
});
