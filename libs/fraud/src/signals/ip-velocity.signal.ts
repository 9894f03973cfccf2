import { ramp, roundRisk, SignalResult } from './signal';

export interface IpVelocityInput {
  /** The client address, or null when it is not a public one (loopback, private, unknown). */
  ip: string | null;
  /** Votes from the address within the window, this one included. */
  votesInWindow: number;
  /** Distinct accounts that voted from the address within the window, this one included. */
  accountsInWindow: number;
  windowSeconds: number;
}

/**
 * Many votes or many accounts behind one address in a short window: a script, a click farm, a
 * shared proxy. Ordinary households and offices share an address too, hence the soft ramps.
 */
export function scoreIpVelocity(input: IpVelocityInput): SignalResult {
  const inputs = { ...input };
  if (input.ip === null) return { signal: 'ipVelocity', risk: 0, reason: 'no public client address', inputs };
  const byVotes = ramp(input.votesInWindow, 30, 120);
  const byAccounts = ramp(input.accountsInWindow, 3, 10);
  const risk = roundRisk(Math.max(byVotes, byAccounts));
  const reason = risk === 0 ? 'ordinary traffic from this address' : `${input.votesInWindow} votes from ${input.accountsInWindow} accounts on this address in ${input.windowSeconds} s`;
  return { signal: 'ipVelocity', risk, reason, inputs, evidence: true };
}
