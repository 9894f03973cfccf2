import { formatNetwork, parseAddress, truncate } from './ip-network';

/**
 * The key an `ip` rule counts a client under: the normalised IPv4 address, or the IPv6
 * network of `ipv6Prefix` bits (a subscriber is handed a whole /64, so counting single IPv6
 * addresses would give one client 2^64 buckets). Null when the peer address is unknown.
 */
export function clientKey(ip: string | null | undefined, ipv6Prefix: number): string | null {
  if (!ip) return null;
  const address = parseAddress(ip);
  if (!address) return null;
  return formatNetwork(address.family === 6 ? truncate(address, ipv6Prefix) : address);
}
