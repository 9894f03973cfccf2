import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A value sealed with AES-256-GCM: the key's id, the random IV and the ciphertext with its tag (base64url). */
export interface Envelope {
  kid: string;
  iv: string;
  ct: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under `key`, a fresh random 96-bit IV per value, with the key id and `context`
 * (what the value is, and whose) bound as additional data: an envelope cannot be opened as
 * another field or moved to another owner, and any change to it fails the tag check.
 */
export function sealEnvelope(key: Buffer, kid: string, context: string, plaintext: string): Envelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${kid}\u0000${context}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { kid, iv: iv.toString('base64url'), ct: ct.toString('base64url') };
}

/** The plaintext; throws when the key, the context or any byte of the envelope is wrong. */
export function openEnvelope(key: Buffer, envelope: Envelope, context: string): string {
  const raw = Buffer.from(envelope.ct, 'base64url');
  if (raw.length < TAG_BYTES) throw new Error('Envelope too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${envelope.kid}\u0000${context}`));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

export function isEnvelope(value: unknown): value is Envelope {
  const v = value as Partial<Envelope> | null;
  return typeof v === 'object' && v !== null && typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string';
}

/** A 256-bit key for one purpose, derived (HKDF-SHA256) from a secret: purposes never share a key. */
export function deriveKey(secret: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));
}
