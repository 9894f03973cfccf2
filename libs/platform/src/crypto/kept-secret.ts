import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { ConfigError } from '../config/config-error';
import { EnvReader } from '../config/env-reader';

/**
 * A configured secret (at least 32 characters), else 32 random bytes generated on first start
 * and kept in `file` (mode 0600), so the embedded mode needs no configuration and restarts
 * keep what was sealed or signed with it (DESIGN.md: development defaults are generated).
 * Never in production: see refuseGeneratedSecret.
 */
export function configuredOrKeptSecret(read: EnvReader, name: string, file: string): Buffer {
  const configured = read.optionalString(name);
  if (configured !== undefined) {
    if (Buffer.byteLength(configured) < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return Buffer.from(configured, 'utf8');
  }
  refuseGeneratedSecret(read, name);
  if (!existsSync(file)) keepFile(file, randomBytes(32).toString('base64url'));
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < 32) throw new ConfigError(name, `has a truncated generated value in ${file}`);
  return Buffer.from(stored, 'utf8');
}

/**
 * With NODE_ENV=production a secret must come from the environment: a deployment's processes
 * (api, worker, replicas) each have their own DATA_DIR, so secrets generated there would differ
 * between them (tokens signed by one refused by the next, sealed keys unreadable) and vanish with
 * a container. Stops the start-up with one line naming the variable.
 */
export function refuseGeneratedSecret(read: EnvReader, name: string): void {
  if (read.optionalString('NODE_ENV') === 'production') {
    throw new ConfigError(name, 'is required with NODE_ENV=production (secrets are generated under DATA_DIR only outside production)');
  }
}

/** Writes `content` to `file` (mode 0600) unless it exists: when two processes race, the first one's value wins. */
export function keepFile(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
}
