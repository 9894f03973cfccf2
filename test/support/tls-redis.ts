import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopRedisServer } from './replication';

export interface TlsRedis {
  port: number;
  stop(): Promise<void>;
}

/**
 * A Redis server that speaks TLS only (`--port 0`: no plaintext listener) on a free port of
 * 127.0.0.1, with this certificate; it asks clients for no certificate of theirs. Keeps nothing on disk.
 */
export async function startTlsRedis(certificate: { certFile: string; keyFile: string }, caFile: string): Promise<TlsRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tally-redis-tls-'));
  const args = ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--tls-cert-file', certificate.certFile, '--tls-key-file', certificate.keyFile, '--tls-ca-cert-file', caFile, '--tls-auth-clients', 'no', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const stop = (): Promise<void> => stopRedisServer(child, dir);
  try {
    await listening(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}

/** Resolves once something accepts TCP connections on the port (the server has bound it). */
async function listening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
