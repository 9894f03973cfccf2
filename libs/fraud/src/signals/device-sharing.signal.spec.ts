import { scoreDeviceSharing } from './device-sharing.signal';

describe('scoreDeviceSharing', () => {
  const base = { deviceHash: 'a1b2c3', accountsOnDevice: 1, devicesOfAccount: 1, clusterSize: 1 };

  it('sees nothing in one account on its own device', () => {
    expect(scoreDeviceSharing(base).risk).toBe(0);
  });

  it('is full when six accounts share one device', () => {
    expect(scoreDeviceSharing({ ...base, accountsOnDevice: 4 }).risk).toBe(0.5);
    expect(scoreDeviceSharing({ ...base, accountsOnDevice: 6 }).risk).toBe(1);
  });

  it('rises with the devices one account hops across', () => {
    expect(scoreDeviceSharing({ ...base, devicesOfAccount: 10 }).risk).toBe(1);
  });

  it('links accounts through a device and an address into a cluster', () => {
    expect(scoreDeviceSharing({ ...base, accountsOnDevice: 2, clusterSize: 8 }).risk).toBe(0.5);
  });

  it('says nothing without a fingerprint (the address alone is ipVelocity’s evidence)', () => {
    expect(scoreDeviceSharing({ ...base, deviceHash: null, accountsOnDevice: 0, devicesOfAccount: 0, clusterSize: 30 })).toMatchObject({ risk: 0, reason: 'no device fingerprint sent' });
  });
});
