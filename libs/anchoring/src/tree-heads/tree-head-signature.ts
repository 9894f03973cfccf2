import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { SignedTreeHead, treeHeadBytes, UnsignedTreeHead } from './signed-tree-head';

/** The id of an Ed25519 log key: hex SHA-256 of its raw 32-byte public key (as RFC 9162's log ids hash the key). */
export function logKeyId(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex');
}

export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

export function ed25519PublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function ed25519PrivateKey(pkcs8: Buffer): KeyObject {
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/** Ed25519 over the head's canonical bytes (deterministic: the same head signs the same way). */
export function signTreeHead(head: UnsignedTreeHead, privateKey: KeyObject): SignedTreeHead {
  return { ...head, signature: sign(null, treeHeadBytes(head), privateKey).toString('base64url') };
}

/** True when the head was signed by this raw public key, and the key id names that key. */
export function verifyTreeHeadSignature(head: SignedTreeHead, publicKey: Buffer): boolean {
  try {
    if (head.keyId !== logKeyId(publicKey)) return false;
    const { signature, ...unsigned } = head;
    return verify(null, treeHeadBytes(unsigned), ed25519PublicKey(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
