import { formatNetwork, parseAddress, truncate } from './ip-network';

/** Keys by address text and prefix length: a request path sees the same addresses again and again; oldest out first. */
const known = new Map<string, string | null>();
const KNOWN_MAX = 50_000;

/**
 * The key an `ip` rule counts a client under: the normalised IPv4 address, or the IPv6
 * network of `ipv6Prefix` bits (a subscriber is handed a whole /64, so counting single IPv6
 * addresses would give one client 2^64 buckets). Null when the peer address is unknown.
 */
export function clientKey(ip: string | null | undefined, ipv6Prefix: number): string | null {
  if (!ip) return null;
  const cacheKey = `${ipv6Prefix} ${ip}`;
  const cached = known.get(cacheKey);
  if (cached !== undefined) return cached;
  const address = parseAddress(ip);
  const key = address ? formatNetwork(address.family === 6 ? truncate(address, ipv6Prefix) : address) : null;
  if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
  known.set(cacheKey, key);
  return key;
}
