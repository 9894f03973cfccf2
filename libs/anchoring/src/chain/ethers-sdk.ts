import type * as Ethers from 'ethers';

/** The ethers v6 module (its classes and functions). */
export type EthersSdk = typeof Ethers;

let loaded: EthersSdk | undefined;

/**
 * ethers, loaded at its first use (a configured chain's provider and wallet, a contract call, an
 * anchor read back) instead of at start: requiring it costs a process ~0.15–0.35 s of CPU, which
 * every process and every app-booting test file paid although anchoring on a chain is off unless
 * ANCHORING_CHAIN_RPC_URL is set. A plain require, not `import()`, because the adapter's
 * constructor and the provider factory are synchronous; the types come from `import type` above.
 */
export function ethersSdk(): EthersSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load that must stay synchronous, see above
  loaded ??= require('ethers') as EthersSdk;
  return loaded;
}
