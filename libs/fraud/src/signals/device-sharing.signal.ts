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
  // Without a device there is no link beyond the address, which ipVelocity already weighs.
  if (input.deviceHash === null) return { signal: 'deviceSharing', risk: 0, reason: 'no device fingerprint sent', inputs };
  const byCluster = ramp(input.clusterSize, 4, 12);
  const risk = roundRisk(Math.max(ramp(input.accountsOnDevice, 2, 6), ramp(input.devicesOfAccount, 3, 10), byCluster));
  const reason =
    risk === 0 ? 'device used by this account only' : `${input.accountsOnDevice} accounts on this device, ${input.devicesOfAccount} devices on this account, cluster of ${input.clusterSize}`;
  return { signal: 'deviceSharing', risk, reason, inputs, evidence: true };
}
