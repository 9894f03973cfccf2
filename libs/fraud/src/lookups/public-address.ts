import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, shared (CGNAT) and reserved ranges: never a voter's own address. */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3]] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['2001:db8::', 32], ['ff00::', 8]] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

/**
 * The client address as the per-address signals count it, or null when it is not a public one.
 * A private or loopback address is a proxy's or the host's (TRUST_PROXY off behind a balancer,
 * tests, internal callers): counting every voter behind it as one would flag them all.
 * IPv4-mapped IPv6 is read as IPv4; other IPv6 addresses count by their /64, which one
 * subscriber holds whole.
 */
export function publicAddress(ip: string | null): string | null {
  if (!ip) return null;
  const known = seen.get(ip);
  if (known !== undefined) return known;
  const answer = classify(ip);
  if (seen.size >= SEEN_MAX) seen.delete(seen.keys().next().value!);
  seen.set(ip, answer);
  return answer;
}

/** Answers by address (a vote path asks for the same few addresses again and again), oldest out first. */
const seen = new Map<string, string | null>();
const SEEN_MAX = 50_000;

function classify(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  const family = isIP(address);
  if (family === 0) return null;
  if (NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6')) return null;
  return family === 4 ? address : ipv6Network64(address);
}

/** The /64 network of an IPv6 address, written `xxxx:xxxx:xxxx:xxxx::/64`. */
function ipv6Network64(address: string): string {
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => String(parseInt(g, 16).toString(16))).join(':')}::/64`;
}
