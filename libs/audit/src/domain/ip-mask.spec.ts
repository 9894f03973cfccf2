import { maskIp } from './ip-mask';

describe('maskIp (the PII rule for addresses in logs and reports)', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:1234:5678::1', '2001:db8:1234::/48'],
    ['2001:0db8:0000:5678::1', '2001:db8::/48'],
    ['::1', '::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
  ])('%s becomes %s', (address, masked) => {
    expect(maskIp(address)).toBe(masked);
  });

  it.each([null, undefined, '', 'not-an-ip', '999.1.1.1'])('%p becomes null', (value) => {
    expect(maskIp(value)).toBeNull();
  });
});
