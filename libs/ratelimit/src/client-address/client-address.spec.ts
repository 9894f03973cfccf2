import { clientKey } from './client-key';
import { formatNetwork, parseAddress, parseNetwork } from './ip-network';
import { parseTrustProxy } from './trusted-proxies';

describe('client keys', () => {
  it('spells one IPv4 address one way, whether plain or IPv4-mapped IPv6', () => {
    expect(clientKey('203.0.113.9', 64)).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9', 64)).toBe('203.0.113.9');
    expect(clientKey('::FFFF:203.0.113.9', 64)).toBe('203.0.113.9');
    expect(clientKey('::ffff:cb00:7109', 64)).toBe('203.0.113.9');
  });

  it('groups IPv6 clients by their /64 whatever case, zeros or zone id they are written with', () => {
    const a = clientKey('2001:DB8:0:0:1::1', 64);
    expect(a).toBe('2001:db8::/64');
    expect(clientKey('2001:db8::ffff:1:2:3', 64)).toBe(a);
    expect(clientKey('2001:0db8:0000:0000:abcd::9%eth0', 64)).toBe(a);
    expect(clientKey('2001:db8:0:1::1', 64)).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8:0:1::1', 128)).toBe('2001:db8:0:1::1');
  });

  it('has no key for what is not an address', () => {
    expect(clientKey(null, 64)).toBeNull();
    expect(clientKey('', 64)).toBeNull();
    expect(clientKey('not-an-ip', 64)).toBeNull();
    expect(clientKey('1.2.3.256', 64)).toBeNull();
  });
});

describe('networks', () => {
  it('clears host bits and prints the shortest form', () => {
    expect(formatNetwork(parseNetwork('198.51.100.77/24')!)).toBe('198.51.100.0/24');
    expect(formatNetwork(parseNetwork('2001:db8:aaaa:bbbb::1/48')!)).toBe('2001:db8:aaaa::/48');
    expect(formatNetwork(parseNetwork('::ffff:10.0.0.0/104')!)).toBe('10.0.0.0/8');
    expect(formatNetwork(parseAddress('::1')!)).toBe('::1');
  });

  it('refuses prefixes out of range and garbage', () => {
    expect(parseNetwork('10.0.0.0/33')).toBeNull();
    expect(parseNetwork('2001:db8::/129')).toBeNull();
    expect(parseNetwork('10.0.0.0/x')).toBeNull();
    expect(parseNetwork('example.com')).toBeNull();
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and takes hops, lists of CIDRs and named ranges', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    const twoHops = parseTrustProxy('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(parseTrustProxy('10.0.0.0/8, 2001:db8::/32,loopback')).toEqual(['10.0.0.0/8', '2001:db8::/32', 'loopback']);
  });

  it('names a bad entry', () => {
    expect(() => parseTrustProxy('10.0.0.0/8,proxy.internal')).toThrow('Invalid configuration: TRUST_PROXY must be false, true, a hop count or a comma-separated list of addresses/CIDRs; "proxy.internal" is none of them');
  });
});
