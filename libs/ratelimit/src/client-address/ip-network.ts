import { isIP } from 'node:net';

/** An address or network as one integer: IPv4 in 32 bits, IPv6 in 128. */
export interface IpNetwork {
  family: 4 | 6;
  /** The network's address with the host bits cleared. */
  bits: bigint;
  prefix: number;
}

const V4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/;

/**
 * One spelling per address, so that a key cannot be dodged by writing the same address another
 * way: lower case, no zone id, IPv4-mapped IPv6 (`::ffff:1.2.3.4`, also in hex) as plain IPv4.
 * Null when it is no address.
 */
export function parseAddress(text: string): IpNetwork | null {
  const bare = text.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = V4_MAPPED.exec(bare);
  if (mapped) return parseAddress(mapped[1]);
  const family = isIP(bare);
  if (family === 4) return { family: 4, bits: v4Bits(bare), prefix: 32 };
  if (family !== 6) return null;
  const bits = v6Bits(bare);
  if (bits >> 32n === 0xffffn) return { family: 4, bits: bits & 0xffffffffn, prefix: 32 };
  return { family: 6, bits, prefix: 128 };
}

/** `1.2.3.0/24`, `2001:db8::/48`, or a bare address (a /32 or /128). Host bits are cleared. */
export function parseNetwork(text: string): IpNetwork | null {
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return null;
  if (slash === -1) return address;
  const digits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(digits)) return null;
  const prefix = Number(digits);
  // A v4-mapped network keeps its IPv4 meaning: ::ffff:1.2.3.0/120 is 1.2.3.0/24.
  const mappedShift = address.family === 4 && text.includes(':') ? 96 : 0;
  const length = prefix - mappedShift;
  if (length < 0 || length > (address.family === 4 ? 32 : 128)) return null;
  return truncate(address, length);
}

/** The network of `prefix` bits holding this address. */
export function truncate(address: IpNetwork, prefix: number): IpNetwork {
  const width = address.family === 4 ? 32n : 128n;
  const hostBits = width - BigInt(prefix);
  return { family: address.family, bits: (address.bits >> hostBits) << hostBits, prefix };
}

export function formatNetwork(network: IpNetwork): string {
  const full = network.family === 4 ? 32 : 128;
  const address = network.family === 4 ? formatV4(network.bits) : formatV6(network.bits);
  return network.prefix === full ? address : `${address}/${network.prefix}`;
}

function v4Bits(text: string): bigint {
  return text.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
}

function v6Bits(text: string): bigint {
  let body = text;
  // An embedded IPv4 tail (::1.2.3.4) becomes its two hex groups.
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4Tail) {
    const bits = v4Bits(v4Tail[1]);
    body = `${body.slice(0, -v4Tail[1].length)}${(bits >> 16n).toString(16)}:${(bits & 0xffffn).toString(16)}`;
  }
  const [head, tail] = body.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function formatV4(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.');
}

/** RFC 5952 form: lower case, no leading zeros, the longest run of zero groups as `::`. */
function formatV6(bits: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((bits >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
