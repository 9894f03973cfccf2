import { ramp, roundRisk, SignalResult } from './signal';

export interface DeviceSharingInput {
  /** The client-sent device fingerprint hash (X-Device-Fingerprint), or null when none was sent. */
  deviceHash: string | null;
  /** Accounts seen on this device, this one included. */
  accountsOnDevice: number;
  /** Devices this account was seen on, this one included. */
  devicesOfAccount: number;
  /** Accounts linked to this one by a shared device or address (its cluster), this one included. */
  clusterSize: number;
}

/**
 * One device behind many accounts (sock puppets), one account hopping across many devices (a
 * shared login), and clusters of accounts tied together by shared devices and addresses.
 */
export function scoreDeviceSharing(input: DeviceSharingInput): SignalResult {
  const inputs = { ...input };
  const byCluster = ramp(input.clusterSize, 4, 12);
  if (input.deviceHash === null) {
    const risk = roundRisk(byCluster);
    return { signal: 'deviceSharing', risk, reason: risk === 0 ? 'no device fingerprint sent' : `account cluster of ${input.clusterSize} on its address`, inputs };
  }
  const risk = roundRisk(Math.max(ramp(input.accountsOnDevice, 2, 6), ramp(input.devicesOfAccount, 3, 10), byCluster));
  const reason =
    risk === 0 ? 'device used by this account only' : `${input.accountsOnDevice} accounts on this device, ${input.devicesOfAccount} devices on this account, cluster of ${input.clusterSize}`;
  return { signal: 'deviceSharing', risk, reason, inputs };
}
