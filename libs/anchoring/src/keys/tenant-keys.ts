import { Injectable } from '@nestjs/common';
import { createHash, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { Envelope, MasterKeyring, SecretSealer } from '@tally/platform';
import { ed25519PrivateKey, logKeyId, rawPublicKey } from '../tree-heads/tree-head-signature';

/** Runs SQL on the caller's connection (the projection's transaction, or a pooled one). */
export type Sql = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

export interface LogSigningKey {
  keyId: string;
  publicKey: Buffer;
  privateKey: KeyObject;
}

export interface SnapshotKey {
  keyId: string;
  key: Buffer;
}

type Purpose = 'log-signing' | 'ballot-snapshot';

interface KeyRow {
  key_id: string;
  public_key: string | null;
  sealed: Envelope;
}

/**
 * Each tenant's anchoring keys, made on first use and kept sealed (AES-256-GCM) under the
 * platform master keyring the way provider secrets are: an Ed25519 key that signs the tenant's
 * tree heads (public half published at /.well-known/tally/tenants/{id}/log-key) and an
 * AES-256 key for ballot snapshots. Two processes making the same key at once: the first
 * insert wins and both use it. Opened keys are cached for the life of the process.
 */
@Injectable()
export class TenantKeys {
  private readonly sealer: SecretSealer;
  private readonly signing = new Map<string, LogSigningKey>();
  private readonly snapshot = new Map<string, SnapshotKey>();

  constructor(keyring: MasterKeyring) {
    this.sealer = keyring.sealer('tally.anchoring.tenant-keys.v1');
  }

  async signingKey(sql: Sql, tenantId: string): Promise<LogSigningKey> {
    const cached = this.signing.get(tenantId);
    if (cached) return cached;
    const row = await this.load(sql, tenantId, 'log-signing', () => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const raw = rawPublicKey(publicKey);
      return { keyId: logKeyId(raw), publicKey: raw.toString('base64'), secret: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
    });
    const key: LogSigningKey = {
      keyId: row.key_id,
      publicKey: Buffer.from(row.public_key!, 'base64'),
      privateKey: ed25519PrivateKey(Buffer.from(this.sealer.open(row.sealed, context(tenantId, 'log-signing')), 'base64')),
    };
    this.signing.set(tenantId, key);
    return key;
  }

  async snapshotKey(sql: Sql, tenantId: string): Promise<SnapshotKey> {
    const cached = this.snapshot.get(tenantId);
    if (cached) return cached;
    const row = await this.load(sql, tenantId, 'ballot-snapshot', () => {
      const secret = randomBytes(32);
      return { keyId: `bsk1:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`, publicKey: null, secret: secret.toString('base64') };
    });
    const key: SnapshotKey = { keyId: row.key_id, key: Buffer.from(this.sealer.open(row.sealed, context(tenantId, 'ballot-snapshot')), 'base64') };
    this.snapshot.set(tenantId, key);
    return key;
  }

  private async load(sql: Sql, tenantId: string, purpose: Purpose, make: () => { keyId: string; publicKey: string | null; secret: string }): Promise<KeyRow> {
    const select = 'select key_id, public_key, sealed from anchoring_tenant_keys where tenant_id = ? and purpose = ?';
    const [found] = await sql<KeyRow>(select, [tenantId, purpose]);
    if (found) return found;
    const made = make();
    await sql(
      `insert into anchoring_tenant_keys (tenant_id, purpose, key_id, public_key, sealed, created_at) values (?, ?, ?, ?, ?::jsonb, now())
       on conflict (tenant_id, purpose) do nothing`,
      [tenantId, purpose, made.keyId, made.publicKey, JSON.stringify(this.sealer.seal(context(tenantId, purpose), made.secret))],
    );
    const [stored] = await sql<KeyRow>(select, [tenantId, purpose]);
    return stored;
  }
}

function context(tenantId: string, purpose: Purpose): string {
  return `${tenantId}|anchoring|${purpose}`;
}
