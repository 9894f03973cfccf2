import { isIP } from 'node:net';

/**
 * The one rule for client addresses in Tally's logs and reports (audit_logs, access_logs,
 * compliance reports): an IPv4 address keeps its /24 network (`203.0.113.77` → `203.0.113.0/24`),
 * an IPv6 address its /48 (`2001:db8:1234:5678::1` → `2001:db8:1234::/48`). The network is
 * enough to see where traffic came from and to match a block, not enough to name a subscriber.
 * Anything that is not an address (a proxy's garbage) is dropped to null rather than stored.
 */
export function maskIp(address: string | null | undefined): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  if (family === 4) {
    const [a, b, c] = plain.split('.');
    return `${a}.${b}.${c}.0/24`;
  }
  if (family === 6) {
    const groups = expandIpv6(plain).slice(0, 3).map((group) => group.replace(/^0+(?=.)/, ''));
    while (groups.length > 0 && groups[groups.length - 1] === '0') groups.pop();
    return `${groups.join(':')}::/48`;
  }
  return null;
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0];
  const [head, tail] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 forms other than the mapped one) counts as two groups.
  const last = right.length > 0 ? right : left;
  if (last.length > 0 && last[last.length - 1].includes('.')) last.splice(last.length - 1, 1, '0', '0');
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
