import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'k'.repeat(40);

/** The API's real entry point under NODE_ENV=production: its exit code and what it printed. */
function start(dataDir: string, secrets: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    // Never reached: the missing secret stops the process first. Production asks for TLS to it.
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere?sslmode=verify-full',
    PORT: '0',
    HOST: '127.0.0.1',
    ...secrets,
  };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '../..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Production never runs on generated secrets: each process of a deployment would generate its
 * own under its own DATA_DIR. A missing one stops the start with one line naming it, and
 * nothing is written under DATA_DIR.
 */
describe('production refuses to start on generated secrets', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-prod-secrets-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{}, 'TALLY_MASTER_KEY'],
    [{ TALLY_MASTER_KEY: KEY }, 'JWT_SECRET'],
    [{ TALLY_MASTER_KEY: KEY, JWT_SECRET: KEY }, 'IDENTITY_PII_HMAC_KEY'],
  ])('with %j set, exits 1 with one line naming %s', async (secrets, variable) => {
    const { code, stdout, stderr } = await start(dataDir, secrets);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Invalid configuration: ${variable} is required with NODE_ENV=production (secrets are generated under DATA_DIR only outside production)\n`);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
