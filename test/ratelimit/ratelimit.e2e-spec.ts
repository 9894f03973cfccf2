import { randomUUID } from 'node:crypto';
import { PG_POOL } from '@tally/platform';
import { PruneAttemptsJob } from '@tally/ratelimit';
import { Pool } from 'pg';
import { eventually, Mode, problemType, RateLimitE2e, startRateLimitE2e } from './ratelimit-test-kit';

/**
 * Rate limiting through HTTP, on PostgreSQL + Redis (buckets in Redis, two API processes) and
 * on the embedded database (in-process buckets): exact limits under 50 parallel requests, the
 * IETF headers, rules changed at run time, trusted and spoofed X-Forwarded-For, IPv6 /64
 * grouping, tenant isolation and client blocks.
 */
describe.each<Mode>(['redis', 'embedded'])('rate limiting (%s)', (mode) => {
  let k: RateLimitE2e;

  beforeAll(async () => {
    k = await startRateLimitE2e(mode);
  }, 120_000);

  afterAll(async () => {
    await k?.close();
  });

  it('seeds the default platform rules and announces them in the headers of every route', async () => {
    // Seeded at start as events: the listing's read model has them once the worker applied them.
    await eventually(async () => {
      const listed = await k.call('get', '/api/ratelimit/rules', k.admin).expect(200);
      const names = (listed.body as { items: { name: string; level: string }[] }).items.map((rule) => `${rule.level}:${rule.name}`);
      expect(names).toEqual(expect.arrayContaining(['platform:ip-requests-per-minute', 'platform:user-votes-per-hour', 'platform:user-votes-per-day']));
    });
    // The listing reads the rules' read model; each process's rule book reloads it every
    // RATE_LIMIT_RULES_REFRESH_MS, so the seeded rules reach the guard a moment later. Until
    // then a request is not counted, so the first one they apply to sees the whole quota.
    let res: Awaited<ReturnType<RateLimitE2e['from']>> | undefined;
    await eventually(async () => {
      res = await k.from('198.51.100.200', '/api/leaderboard');
      expect(res.headers['ratelimit-policy']).toBe('"ip-requests-per-minute";q=1200;w=60');
    });
    expect(res?.headers['ratelimit']).toMatch(/^"ip-requests-per-minute";r=1199;t=(59|60)$/);
  });

  it('lets exactly the limit through under 50 parallel requests, with headers, and 429 rate-limited with Retry-After for the rest', async () => {
    const voter = await k.signup();
    await k.setRule(k.organizer, { name: 'status-burst', scope: 'user', method: 'GET', route: '/api/ratelimit/status', limit: 7, windowSeconds: 3600 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => k.call('get', '/api/ratelimit/status', voter.token)));
    const passed = answers.filter((res) => res.status === 200);
    const refused = answers.filter((res) => res.status === 429);
    expect(passed).toHaveLength(7);
    expect(refused).toHaveLength(43);
    const remaining = passed.map((res) => Number(/"status-burst";r=(\d+)/.exec(String(res.headers['ratelimit']))?.[1])).sort();
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const res of [...passed, ...refused]) expect(String(res.headers['ratelimit-policy'])).toContain('"status-burst";q=7;w=3600');
    const problem = refused[0];
    expect(problem.headers['content-type']).toContain('application/problem+json');
    expect(problem.body).toMatchObject({ type: problemType('rate-limited'), status: 429, rule: 'status-burst' });
    expect(Number(problem.headers['retry-after'])).toBeGreaterThan(3500);
    expect(String(problem.headers['ratelimit'])).toMatch(/^"status-burst";r=0;t=\d+/);

    const attempts = await eventually(async () => {
      const res = await k.call('get', `/api/ratelimit/attempts?rule=status-burst&userId=${voter.userId}&limit=200`, k.organizer).expect(200);
      const body = res.body as { items: { rule: string; endpoint: string }[] };
      if (body.items.length < 43) throw new Error(`only ${body.items.length} attempts recorded`);
      return body.items;
    });
    expect(attempts).toHaveLength(43);
    expect(attempts[0]).toMatchObject({ rule: 'status-burst', endpoint: 'GET /api/ratelimit/status' });
    const metrics = await k.t.http().get('/metrics').expect(200);
    expect(metrics.text).toContain('tally_rate_limit_refusals_total{rule="status-burst"} 43');
    const paged = await k.call('get', `/api/ratelimit/attempts?rule=status-burst&limit=40`, k.organizer).expect(200);
    const next = await k.call('get', `/api/ratelimit/attempts?rule=status-burst&limit=40&cursor=${(paged.body as { nextCursor: string }).nextCursor}`, k.organizer).expect(200);
    expect((next.body as { items: unknown[] }).items).toHaveLength(3);
    for (const [query, field] of [['cursor=not-a-cursor', 'cursor'], ['ip=not-an-address', 'ip'], ['from=yesterday', 'from'], ['limit=0', 'limit']]) {
      const bad = await k.call('get', `/api/ratelimit/attempts?${query}`, k.organizer).expect(422);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    await k.call('get', '/api/ratelimit/attempts', voter.token).expect(403);
  });

  it('applies a rule changed at run time without a restart, and refuses bad rules changing nothing', async () => {
    const voter = await k.signup();
    await k.setRule(k.organizer, { name: 'status-slow', scope: 'user', method: 'GET', route: '/api/ratelimit/status', limit: 2, windowSeconds: 600 });
    expect((await k.call('get', '/api/ratelimit/status', voter.token)).status).toBe(200);
    expect((await k.call('get', '/api/ratelimit/status', voter.token)).status).toBe(200);
    expect((await k.call('get', '/api/ratelimit/status', voter.token)).status).toBe(429);
    await k.setRule(k.organizer, { name: 'status-slow', scope: 'user', method: 'GET', route: '/api/ratelimit/status', limit: 5, windowSeconds: 600 });
    // Counted 3 so far (the refused one too); two more pass under the new limit.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await k.call('get', '/api/ratelimit/status', voter.token)).status);
    expect(statuses).toEqual([200, 200, 429]);

    const before = await k.call('get', '/api/ratelimit/rules', k.organizer).expect(200);
    const bad = await k.call('post', '/api/ratelimit/rules', k.organizer, { name: 'bad', scope: 'user', method: 'GET', route: 'no-slash', limit: 1, windowSeconds: 60 }).expect(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'route' })]);
    await k.call('post', '/api/ratelimit/rules', k.organizer, { name: 'bad', scope: 'user', method: 'GET', route: '/x', limit: 0, windowSeconds: 60 }).expect(422);
    await k.call('post', '/api/ratelimit/rules', k.organizer, { level: 'platform', name: 'mine', scope: 'ip', method: '*', route: '*', limit: 1, windowSeconds: 60 }).expect(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await k.call('get', '/api/ratelimit/rules', k.organizer).expect(200)).body).toEqual(before.body);
  });

  it('ignores X-Forwarded-For from an untrusted peer and honours it from a trusted proxy', async () => {
    await k.setRule(k.organizer, { name: 'ip-status', scope: 'ip', method: 'GET', route: '/api/ratelimit/status', limit: 3, windowSeconds: 600 });
    const spoofed = [];
    for (let i = 0; i < 4; i++) spoofed.push(await k.from('198.51.100.9', '/api/ratelimit/status', { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(spoofed.map((res) => res.statusCode)).toEqual([200, 200, 200, 429]);
    expect(spoofed[0].json()).toMatchObject({ clientKey: '198.51.100.9' });

    const proxied = await k.from('10.1.2.3', '/api/ratelimit/status', { 'x-forwarded-for': '192.0.2.77, 10.9.9.9' });
    expect(proxied.json()).toMatchObject({ clientKey: '192.0.2.77' });
    const viaProxy = [];
    for (let i = 0; i < 4; i++) viaProxy.push((await k.from('10.1.2.3', '/api/ratelimit/status', { 'x-forwarded-for': '192.0.2.78' })).statusCode);
    expect(viaProxy).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy has buckets of its own.
    expect((await k.from('10.1.2.3', '/api/ratelimit/status', { 'x-forwarded-for': '192.0.2.79' })).statusCode).toBe(200);
  });

  it('counts an IPv6 /64 as one client and an IPv4-mapped address as its IPv4 one', async () => {
    const sixes = ['2001:db8:1:2::1', '2001:db8:1:2:ffff::9', '2001:DB8:1:2:0:0:0:7', '2001:db8:1:2::abcd'];
    const statuses = [];
    for (const address of sixes) statuses.push((await k.from(address, '/api/ratelimit/status')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const first = await k.from('2001:db8:1:3::1', '/api/ratelimit/status');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ clientKey: '2001:db8:1:3::/64' });

    const mapped = [];
    for (const address of ['198.51.100.33', '::ffff:198.51.100.33', '198.51.100.33', '::ffff:198.51.100.33']) mapped.push((await k.from(address, '/api/ratelimit/status')).statusCode);
    expect(mapped).toEqual([200, 200, 200, 429]);
  });

  it('keeps tenant rules and tenant buckets to their tenant', async () => {
    const slug = `rl-${randomUUID().slice(0, 8)}`;
    await k.call('post', '/api/tenants', k.admin, { name: 'Other show', slug }).expect(201);
    // demo's ip-status rule (3 per address) does not apply in the other tenant.
    const other = [];
    for (let i = 0; i < 5; i++) other.push((await k.from('198.51.100.9', '/api/ratelimit/status', { 'x-tenant-id': slug })).statusCode);
    expect(other).toEqual([200, 200, 200, 200, 200]);
    const rules = (await k.call('get', '/api/ratelimit/rules', k.admin, undefined, { 'X-Tenant-Id': slug }).expect(200)).body as { items: { name: string }[] };
    expect(rules.items.map((rule) => rule.name)).not.toContain('ip-status');

    // A platform rule of scope tenant: each tenant has its own bucket.
    await k.setRule(k.admin, { level: 'platform', name: 'tenant-rules-reads', scope: 'tenant', method: 'GET', route: '/api/ratelimit/rules', limit: 4, windowSeconds: 600 });
    const demo = [];
    for (let i = 0; i < 5; i++) demo.push((await k.call('get', '/api/ratelimit/rules', k.admin)).status);
    expect(demo).toEqual([200, 200, 200, 200, 429]);
    expect((await k.call('get', '/api/ratelimit/rules', k.admin, undefined, { 'X-Tenant-Id': slug })).status).toBe(200);
    await k.setRule(k.admin, { level: 'platform', name: 'tenant-rules-reads', scope: 'tenant', method: 'GET', route: '/api/ratelimit/rules', limit: 4, windowSeconds: 600, enabled: false });
  });

  it('refuses a blocked network everywhere until the block ends, and lists the block for the edge', async () => {
    const blocked = await k.call('post', '/api/ratelimit/blocks', k.admin, { network: '192.0.2.130/25', durationSeconds: 900, reason: 'card testing', source: 'edge' }).expect(201);
    expect(blocked.body).toMatchObject({ network: '192.0.2.128/25' });
    await k.call('post', '/api/ratelimit/blocks', k.organizer, { network: '192.0.2.0/24', durationSeconds: 60, reason: 'x' }).expect(403);
    const refused = await eventually(async () => {
      const res = await k.from('192.0.2.200', '/health/live');
      if (res.statusCode !== 429) throw new Error(`not blocked yet: ${res.statusCode}`);
      return res;
    });
    expect(refused.json()).toMatchObject({ type: problemType('client-blocked'), network: '192.0.2.128/25' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expect((await k.from('192.0.2.100', '/health/live')).statusCode).toBe(200);
    const listed = await k.call('get', '/api/ratelimit/blocks', k.admin).expect(200);
    expect((listed.body as { items: { network: string; source: string }[] }).items).toEqual([expect.objectContaining({ network: '192.0.2.128/25', source: 'edge' })]);
  });

  it('prunes refusals past their retention and expired blocks every hour (ratelimit.prune), keeping the rest', async () => {
    const pool = k.t.app.get<Pool>(PG_POOL);
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    await pool.query(`insert into rate_limit_attempts (attempt_id, tenant_id, endpoint, rule_name, timestamp) values ($1, $2, 'GET /x', 'old-one', $3)`, [randomUUID(), k.t.tenantId, old]);
    await pool.query(`insert into rate_limit_blocks (block_id, network, reason, source, blocked_until, created_at) values ($1, '192.0.2.1', 'over', 'admin', $2, $2)`, [randomUUID(), old]);
    await pool.query(`insert into rate_limit_attempts (attempt_id, tenant_id, endpoint, rule_name, timestamp) values ($1, $2, 'GET /x', 'recent-one', now())`, [randomUUID(), k.t.tenantId]);
    await pool.query(`insert into rate_limit_blocks (block_id, network, reason, source, blocked_until, created_at) values ($1, '192.0.2.2', 'still on', 'admin', now() + interval '1 hour', now())`, [randomUUID()]);
    const kept = Number((await pool.query<{ n: string }>(`select count(*) as n from rate_limit_attempts where timestamp > $1`, [old])).rows[0].n);
    expect(kept).toBeGreaterThan(0);

    const result = await k.t.app.get(PruneAttemptsJob).run();
    expect(result).toEqual({ attempts: 1, blocks: 1 });
    // Only the old refusal went. Earlier tests' refusals may still be landing (they are written in
    // batches off the request path), so the recent ones are at least what was counted before.
    expect((await pool.query<{ rule_name: string }>(`select rule_name from rate_limit_attempts where rule_name in ('old-one', 'recent-one')`)).rows).toEqual([{ rule_name: 'recent-one' }]);
    expect(Number((await pool.query<{ n: string }>(`select count(*) as n from rate_limit_attempts where timestamp <= $1`, [old])).rows[0].n)).toBe(0);
    expect(Number((await pool.query<{ n: string }>(`select count(*) as n from rate_limit_attempts where timestamp > $1`, [old])).rows[0].n)).toBeGreaterThanOrEqual(kept);
    expect((await pool.query(`select network from rate_limit_blocks where network = '192.0.2.1'`)).rowCount).toBe(0);
    expect((await pool.query(`select network from rate_limit_blocks where network = '192.0.2.2'`)).rowCount).toBe(1);
  });

  if (mode === 'redis') {
    it('shares buckets and rule changes across two API processes', async () => {
      const second = await k.secondApi();
      const voter = await k.signup();
      // A route no other test limits per user.
      const rule = { name: 'two-processes', scope: 'user', method: 'GET', route: '/health/live', limit: 11, windowSeconds: 3600 };
      // Set through the first process, applied by both (the second runs no projections: it reads what the first's projected).
      await k.setRule(k.organizer, rule);
      await k.setRule(k.organizer, rule, second);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2 === 0
            ? k.from(`198.51.101.${i}`, '/health/live', { authorization: `Bearer ${voter.token}` }).then((res) => res.statusCode)
            : k.from(`198.51.101.${i}`, '/health/live', { authorization: `Bearer ${voter.token}` }, second).then((res) => res.statusCode),
        ),
      );
      expect(answers.filter((status) => status === 200)).toHaveLength(11);
      expect(answers.filter((status) => status === 429)).toHaveLength(39);
      const after = await k.from('198.51.100.78', '/health/live', { authorization: `Bearer ${voter.token}` }, second);
      expect(after.statusCode).toBe(429);
      expect(String(after.headers['ratelimit'])).toMatch(/^"two-processes";r=0;t=\d+/);
    });
  }
});
