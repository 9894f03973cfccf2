import { createHash } from 'node:crypto';

/**
 * A deterministic UUID (version 8, RFC 9562) for a credit operation derived from what caused
 * it, e.g. `creditOperationId('payment', paymentId)`. The same cause always yields the same
 * id, so a grant or revoke retried by a webhook redelivery is applied once.
 */
export function creditOperationId(namespace: string, ref: string): string {
  const bytes = createHash('sha256').update(`tally-credits|${namespace}|${ref}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
