import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error';
import { Env, EnvReader } from '../config/env-reader';
import { deriveKey, Envelope, openEnvelope, sealEnvelope } from './envelope';
import { configuredOrKeptSecret } from './kept-secret';

/** One master key: its id (a fingerprint, so nobody has to name keys) and the secret itself. */
interface MasterKey {
  kid: string;
  secret: Buffer;
}

/**
 * The platform's master keys for secrets kept at rest (tenants' provider keys and the like).
 * New values are sealed under the current key; retired keys only open what they sealed, so a
 * key can be rotated without a flag day: set the new key, list the old one as retired, and
 * each owner re-seals its rows (see `SecretSealer.isCurrent`).
 */
export class MasterKeyring {
  private readonly current: MasterKey;
  private readonly byKid: Map<string, MasterKey>;

  constructor(current: Buffer, retired: readonly Buffer[] = []) {
    this.current = masterKey(current);
    this.byKid = new Map([this.current, ...retired.map(masterKey)].map((key) => [key.kid, key]));
  }

  get currentKid(): string {
    return this.current.kid;
  }

  /** A sealer for one purpose (a versioned label such as `tally.payments.provider-keys.v1`). */
  sealer(purpose: string): SecretSealer {
    return new SecretSealer(purpose, this.current, this.byKid);
  }
}

/** Seals and opens values for one purpose; each master key yields its own derived key per purpose. */
export class SecretSealer {
  private readonly derived = new Map<string, Buffer>();

  constructor(
    private readonly purpose: string,
    private readonly current: MasterKey,
    private readonly byKid: ReadonlyMap<string, MasterKey>,
  ) {}

  /** `context` names the value and its owner (e.g. `tenant|stripe|secretKey`) and must be given again to open it. */
  seal(context: string, plaintext: string): Envelope {
    return sealEnvelope(this.keyOf(this.current.kid), this.current.kid, context, plaintext);
  }

  /** Throws when the envelope was sealed under an unknown key, for another context, or was altered. */
  open(envelope: Envelope, context: string): string {
    if (!this.byKid.has(envelope.kid)) throw new Error(`No master key ${envelope.kid} to open this value (was it retired without being listed?)`);
    return openEnvelope(this.keyOf(envelope.kid), envelope, context);
  }

  /** False for values sealed under a retired key: their owner should seal them again. */
  isCurrent(envelope: Envelope): boolean {
    return envelope.kid === this.current.kid;
  }

  private keyOf(kid: string): Buffer {
    let key = this.derived.get(kid);
    if (!key) {
      key = deriveKey(this.byKid.get(kid)!.secret, this.purpose);
      this.derived.set(kid, key);
    }
    return key;
  }
}

function masterKey(secret: Buffer): MasterKey {
  return { kid: `mk1:${createHmac('sha256', secret).update('tally.master-key.id').digest('base64url').slice(0, 12)}`, secret };
}

/**
 * `TALLY_MASTER_KEY` (at least 32 characters), else one generated on first start and kept as
 * `DATA_DIR/master-key` (as JWT_SECRET is), so the embedded mode works with no setting; required
 * with NODE_ENV=production (refuseGeneratedSecret).
 * `TALLY_MASTER_KEYS_RETIRED`: comma-separated earlier keys, still accepted for opening.
 * Processes that share a database must share the key: set it whenever there is more than one.
 */
export function loadMasterKeyring(env: Env, dataDir: string): MasterKeyring {
  const read = new EnvReader(env);
  const current = configuredOrKeptSecret(read, 'TALLY_MASTER_KEY', join(dataDir, 'master-key'));
  const retired = (read.optionalString('TALLY_MASTER_KEYS_RETIRED') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => {
      if (Buffer.byteLength(part) < 32) throw new ConfigError('TALLY_MASTER_KEYS_RETIRED', `entry ${index + 1} must be at least 32 characters`);
      return Buffer.from(part, 'utf8');
    });
  return new MasterKeyring(current, retired);
}
