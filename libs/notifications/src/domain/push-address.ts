import { fieldError } from '../notifications.errors';
import { PushAddress } from './push.events';

/** Which push endpoints a server delivers to (notifications.config.ts). */
export interface EndpointPolicy {
  hosts: readonly string[];
}

/**
 * Refuses an address the server should not or cannot push to, naming the field. The endpoint is
 * a URL the worker will POST to, so it must be one of the push services (a voter could otherwise
 * point the worker at an internal address); the keys must be what RFC 8291 needs (a P-256 point
 * and a 16-byte secret), or every message to the device would fail to encrypt.
 */
export function checkPushAddress(address: PushAddress, policy: EndpointPolicy): void {
  if (address.transport === 'fcm') {
    if (!/^[A-Za-z0-9_:.-]{20,4096}$/.test(address.token)) throw fieldError('NOTIFICATIONS.INVALID_INPUT', 'token', 'An FCM registration token is 20–4096 letters, digits, `_`, `:`, `.` or `-`');
    return;
  }
  let url: URL;
  try {
    url = new URL(address.endpoint);
  } catch {
    throw fieldError('NOTIFICATIONS.INVALID_INPUT', 'endpoint', 'The endpoint is not a URL');
  }
  if (url.protocol !== 'https:') throw fieldError('NOTIFICATIONS.ENDPOINT_NOT_ALLOWED', 'endpoint', 'The endpoint must be an https URL');
  if (url.username || url.password) throw fieldError('NOTIFICATIONS.ENDPOINT_NOT_ALLOWED', 'endpoint', 'The endpoint must not carry credentials');
  if (!hostAllowed(url.hostname.toLowerCase(), policy.hosts)) throw fieldError('NOTIFICATIONS.ENDPOINT_NOT_ALLOWED', 'endpoint', `${url.hostname} is not a push service this server delivers to`);
  if (!isBase64Url(address.p256dh, 65) || !Buffer.from(address.p256dh, 'base64url').subarray(0, 1).equals(Buffer.from([4]))) {
    throw fieldError('NOTIFICATIONS.INVALID_INPUT', 'keys.p256dh', 'p256dh must be an uncompressed P-256 public key, base64url (65 bytes)');
  }
  if (!isBase64Url(address.auth, 16)) throw fieldError('NOTIFICATIONS.INVALID_INPUT', 'keys.auth', 'auth must be 16 bytes, base64url');
}

/** `host` exactly, or any host under `.suffix`. */
function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('.') ? host.endsWith(entry) : host === entry));
}

function isBase64Url(value: string, bytes: number): boolean {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64url').length === bytes;
}

/** What identifies the device at its push service: the same endpoint or token subscribed again is the same device. */
export function addressKey(address: PushAddress): string {
  return address.transport === 'webpush' ? `webpush|${address.endpoint}` : `fcm|${address.token}`;
}
