import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's quick start as a new user runs it, from the repository: no configuration at all
 * (no DATABASE_URL, so the embedded PGlite under a fresh DATA_DIR; no provider key, so the
 * payment sandbox), the demo seeded first by the CLI, then the server started in a process of
 * its own, then over HTTP: sign up, log in, buy 10 votes in the sandbox, pay with Stripe's test
 * card, see the credits, vote with them and see the leaderboard count them (docs/voting.md).
 */
describe('README quick start (embedded, seed then start, buy and vote)', () => {
  const root = join(__dirname, '../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-readme-'));
  let server: ChildProcess | undefined;

  afterAll(() => {
    // Only when the test failed before stopping it.
    if (server?.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds, starts, sells 10 sandbox votes, counts them on the leaderboard and stops', async () => {
    const port = await freePort();
    // Nothing of the test runner's environment that would configure Tally: the README user has none of it.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };

    // 1. `npm run cli -- seed:demo` (the same command npm runs), alone on the data directory.
    const seed = await run(spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'seed:demo'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    expect(seed.code).toBe(0);
    const eventId = /demo event ([0-9a-f-]{36})/.exec(seed.output)?.[1];
    expect(eventId).toBeDefined();

    // 2. `npm start`, once the seed has exited.
    server = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let serverOutput = '';
    server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => server!.once('exit', (code, signal) => resolve({ code, signal })));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, 45_000, () => serverOutput);
    // The sandbox says so at start.
    expect(serverOutput).toContain('PAYMENT SANDBOX ACTIVE');

    const api = async (method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-Tenant-Id': 'demo', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, position: response.headers.get('tally-position'), body: (await response.json()) as Record<string, unknown> };
    };

    // 3. Sign up and log in.
    const credentials = { email: 'me@example.com', password: 'Correct-Horse-9' };
    expect((await api('POST', '/api/auth/signup', credentials)).status).toBe(201);
    const login = await api('POST', '/api/auth/login', credentials);
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${String(login.body.accessToken)}` };

    // 4. Buy 10 votes: the checkout goes to the sandbox, which says so.
    const checkout = await api('POST', '/api/payments/checkout', { votes: 10, currency: 'USD' }, auth);
    expect(checkout.status).toBe(201);
    expect(checkout.body).toMatchObject({ provider: 'sandbox', sandbox: true, amount: { amount: 1000, currency: 'USD' } });
    const paymentId = String(checkout.body.paymentId);

    // 5. Pay with Stripe's test card: a signed webhook completes the payment.
    const paid = await api('POST', `/api/payments/sandbox/${paymentId}/complete`, { card: '4242 4242 4242 4242' }, auth);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'completed', sandbox: true });

    // 6. Reading the payment waits for the credits reactor's grant and hands on a position past it;
    //    the ledger read with that position shows the credits (no polling, as docs/voting.md does it).
    //    A client reads it again while it says creditsApplied: false (the bound passed first on a busy machine).
    let payment = await api('GET', `/api/payments/${paymentId}`, undefined, auth);
    for (let tries = 0; payment.body.creditsApplied === false && tries < 20; tries++) payment = await api('GET', `/api/payments/${paymentId}`, undefined, auth);
    expect(payment.body).toMatchObject({ status: 'completed', creditsApplied: true });
    expect(payment.position).toMatch(/^\d{20}:\d{19,20}$/);
    const ledger = await api('GET', `/api/votes/ledger?position=${String(payment.position)}`, undefined, auth);
    expect((ledger.body.items as { kind: string; creditsDelta: number }[])[0]).toMatchObject({ kind: 'grant', creditsDelta: 10 });

    // 7. Vote with them: the demo event's 10 free votes of the day go first, then the 10 credits.
    const before = await api('GET', '/api/leaderboard');
    expect(before.body.eventId).toBe(eventId);
    const [first] = before.body.items as { contestantId: string; votes: number }[];
    const vote = await api('POST', '/api/votes', { contestantId: first.contestantId, amount: 20 }, { ...auth, 'Idempotency-Key': 'readme-paid-votes' });
    expect(vote.status).toBe(201);
    expect(vote.body).toMatchObject({ status: 'accepted', amount: 20, remaining: { credits: 0, quotaToday: 0 } });

    // 8. The leaderboard read with the vote's position counts them. Past the wait bound (a busy
    //    machine) it answers 503 read-model-behind with Retry-After, and a client asks again.
    let board = await api('GET', `/api/leaderboard?position=${String(vote.position)}`);
    for (let tries = 0; board.status === 503 && tries < 20; tries++) board = await api('GET', `/api/leaderboard?position=${String(vote.position)}`);
    expect(board).toMatchObject({ status: 200 });
    expect((board.body.items as { contestantId: string; votes: number }[]).find((item) => item.contestantId === first.contestantId)?.votes).toBe(first.votes + 20);

    // 9. Stop the server as Ctrl-C would: Nest's shutdown hooks close the app, then let the signal end the process.
    server.kill('SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  }, 120_000);
});

async function run(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, output };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, context?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out${context ? `; output so far:\n${context().slice(-3000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
