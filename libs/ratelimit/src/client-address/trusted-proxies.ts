import { ConfigError } from '@tally/platform';
import { parseNetwork } from './ip-network';

/** What Fastify's `trustProxy` accepts: trust nobody, everyone, these addresses/networks, or a test of the hop. */
export type TrustProxySetting = boolean | string[] | ((address: string, hop: number) => boolean);

/** proxy-addr's names for the usual private ranges, accepted beside addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: X-Forwarded-For is honoured only from the proxies named here, so a client
 * talking to Tally directly cannot choose the address it is limited (and logged) under.
 * - `false` / empty (default): the TCP peer is the client;
 * - a comma-separated list of addresses, CIDRs and `loopback`/`linklocal`/`uniquelocal`:
 *   the client is the rightmost address of X-Forwarded-For not in the list;
 * - a whole number N: the client is N hops back (the N-th address from the right);
 * - `true`: every peer is trusted — only behind a proxy that overwrites X-Forwarded-For.
 * Throws a ConfigError naming the bad entry.
 */
export function parseTrustProxy(value: string | undefined): TrustProxySetting {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    // As proxy-addr reads a hop count: the first N hops from the socket are proxies.
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  for (const entry of entries) {
    if (!NAMED_RANGES.has(entry) && !parseNetwork(entry)) {
      throw new ConfigError('TRUST_PROXY', `must be false, true, a hop count or a comma-separated list of addresses/CIDRs; "${entry}" is none of them`);
    }
  }
  return entries;
}
