import { createHash, createHmac } from 'node:crypto';
import { deriveKey, Envelope, openEnvelope, sealEnvelope } from '@tally/platform';
import type { PiiField } from '../domain/pii';

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
    this.lookup = deriveKey(secret, 'tally.identity.lookup-hash.v1');
    this.kek = deriveKey(secret, 'tally.identity.key-wrap.v1');
    this.otp = deriveKey(secret, 'tally.identity.otp-pepper.v1');
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

/** The platform's AES-256-GCM envelope, typed to identity's fields (the key id and field are bound as additional data). */
export function seal(key: Buffer, kid: string, field: PiiField | 'subject-key', plaintext: string): Envelope {
  return sealEnvelope(key, kid, field, plaintext);
}

export function open(key: Buffer, envelope: Envelope, field: PiiField | 'subject-key'): string {
  return openEnvelope(key, envelope, field);
}

/** Hash of a high-entropy bearer secret (refresh and reset tokens): SHA-256 is enough for 128 random bits. */
export function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
