import { createECDH, hkdfSync } from 'node:crypto';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url (65 bytes): the browser's `applicationServerKey`. */
  publicKey: string;
  /** The private scalar, base64url (32 bytes). */
  privateKey: string;
}

/**
 * The development VAPID key pair, derived from a fixed label so that every process of a dev or
 * test deployment (API and worker) signs with the key the browser subscribed against; a random
 * pair per process would make the worker's pushes fail with 403. Production refuses to start
 * without VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (notifications.config.ts).
 */
export function developmentVapidKeys(): VapidKeys {
  const seed = Buffer.from(hkdfSync('sha256', 'tally-development-vapid-key', 'tally', 'vapid P-256 private key', 32));
  // A 32-byte value is below the P-256 order with overwhelming probability; setPrivateKey refuses one that is not.
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(seed);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: seed.toString('base64url') };
}

/** Checks a configured pair belongs together (the public key is the private key's point). */
export function vapidPairMatches(keys: VapidKeys): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    return ecdh.getPublicKey().toString('base64url') === keys.publicKey;
  } catch {
    return false;
  }
}
