import { publicAddress } from './public-address';

describe('publicAddress', () => {
  it('keeps public IPv4 addresses, also IPv4-mapped ones', () => {
    expect(publicAddress('81.2.69.160')).toBe('81.2.69.160');
    expect(publicAddress('::ffff:81.2.69.160')).toBe('81.2.69.160');
  });

  it('drops loopback, private, CGNAT and documentation addresses', () => {
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3', '172.20.0.1', '192.168.1.9', '100.64.0.1', '203.0.113.5', '::ffff:127.0.0.1', 'fe80::1', 'fd00::1']) expect(publicAddress(ip)).toBeNull();
    expect(publicAddress(null)).toBeNull();
    expect(publicAddress('not-an-ip')).toBeNull();
  });

  it('counts IPv6 by /64', () => {
    expect(publicAddress('2a00:1450:4009:81f::200e')).toBe('2a00:1450:4009:81f::/64');
    expect(publicAddress('2a00:1450:4009:081f:1:2:3:4')).toBe('2a00:1450:4009:81f::/64');
  });
});
