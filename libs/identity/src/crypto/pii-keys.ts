import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Envelope, PiiField } from '../domain/pii';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The server-side keys of the identity context, derived (HKDF-SHA256) from one secret:
 * - `lookup`: keyed hashes of emails, phones and client IPs (stream ids, unique lookups);
 * - `kek`: wraps each subject's data key at rest in `subject_keys`;
 * - `otp`: pepper of OTP code hashes, so the 10^6 possible codes cannot be tried offline.
 */
export class PiiKeys {
  private readonly lookup: Buffer;
  private readonly kek: Buffer;
  private readonly otp: Buffer;

  constructor(secret: Buffer) {
    this.lookup = derive(secret, 'tally.identity.lookup-hash.v1');
    this.kek = derive(secret, 'tally.identity.key-wrap.v1');
    this.otp = derive(secret, 'tally.identity.otp-pepper.v1');
  }

  /** Keyed, tenant-scoped lookup hash of a normalised value (base64url, 43 chars). */
  lookupHash(tenantId: string, kind: 'email' | 'phone' | 'ip' | 'otp-subject', value: string): string {
    return createHmac('sha256', this.lookup).update(`${tenantId}\u0000${kind}\u0000${value}`).digest('base64url');
  }

  otpCodeHash(otpId: string, code: string): string {
    return createHmac('sha256', this.otp).update(`${otpId}\u0000${code}`).digest('base64url');
  }

  wrapKey(dataKey: Buffer, kid: string): string {
    const envelope = seal(this.kek, kid, 'subject-key', dataKey.toString('base64url'));
    return `${envelope.iv}.${envelope.ct}`;
  }

  unwrapKey(wrapped: string, kid: string): Buffer {
    const [iv, ct] = wrapped.split('.');
    if (!iv || !ct) throw new Error(`Malformed wrapped key for ${kid}`);
    return Buffer.from(open(this.kek, { kid, iv, ct }, 'subject-key'), 'base64url');
  }
}

function derive(secret: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));
}

/** AES-256-GCM with the key id and field bound as additional data: an envelope cannot be moved to another field or subject. */
export function seal(key: Buffer, kid: string, field: PiiField | 'subject-key', plaintext: string): Envelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${kid}\u0000${field}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { kid, iv: iv.toString('base64url'), ct: ct.toString('base64url') };
}

export function open(key: Buffer, envelope: Envelope, field: PiiField | 'subject-key'): string {
  const raw = Buffer.from(envelope.ct, 'base64url');
  if (raw.length < TAG_BYTES) throw new Error('Envelope too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${envelope.kid}\u0000${field}`));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Hash of a high-entropy bearer secret (refresh and reset tokens): SHA-256 is enough for 128 random bits. */
export function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function isEnvelope(value: unknown): value is Envelope {
  const v = value as Partial<Envelope> | null;
  return typeof v === 'object' && v !== null && typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string';
}
