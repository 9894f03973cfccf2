import { createHash } from 'node:crypto';

/**
 * A name-based UUID: the same namespace and name parts always give the same id, so an effect
 * retried after a crash or a redelivered webhook lands on the id it had the first time.
 *
 * Built like RFC 9562's version 5 (hash of namespace and name, version and variant bits set)
 * but with SHA-256 under version 8, since version 5 is fixed to SHA-1. The hashed text is
 * `namespace|part|part…` — the exact bytes of the former `creditOperationId`, so ids already
 * stored (credit grants, checkout payment ids, the demo seed) come out unchanged.
 */
export function deterministicUuid(namespace: string, ...name: readonly string[]): string {
  const bytes = createHash('sha256').update([namespace, ...name].join('|')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
