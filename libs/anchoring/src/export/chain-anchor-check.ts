import type { JsonRpcProvider } from 'ethers';
import { jsonRpcProvider } from '../chain/anchor-chain.factory';
import { verifyAnchorTransaction } from '../chain/anchor-verification';
import type { ExportedAnchor } from '../chain/publish/blockchain-anchors';

/** What reading one exported anchor's transaction on the chain found (verify:contest --rpc). */
export interface ChainAnchorCheck {
  anchorId: string;
  treeSize: number;
  txHash: string;
  /** verifyAnchorTransaction's state, or `unreachable` (the node did not answer) / `wrong-chain` (it serves another chain id). */
  state: 'confirmed' | 'mined' | 'pending' | 'missing' | 'reorged' | 'reverted' | 'mismatch' | 'unreachable' | 'wrong-chain';
  ok: boolean;
  blockNumber?: number;
  blockHash?: string;
  confirmations?: number;
  problems: string[];
}

export type ChainAnchorChecker = (anchor: ExportedAnchor) => Promise<ChainAnchorCheck>;

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

/** Why an exported anchor line cannot be read back on a chain (missing or malformed fields); empty when it can. */
export function exportedAnchorProblems(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expect = (field: string, ok: boolean, what: string) => {
    if (!ok) problems.push(`${field} is not ${what}`);
  };
  expect('anchorId', typeof line.anchorId === 'string', 'a string');
  expect('contestId', typeof line.contestId === 'string' && UUID.test(line.contestId), 'a UUID');
  expect('treeSize', Number.isSafeInteger(line.treeSize) && (line.treeSize as number) >= 0, 'a whole number');
  expect('rootHash', typeof line.rootHash === 'string' && HEX64.test(line.rootHash), '64 lower-case hex digits');
  expect('headDigest', typeof line.headDigest === 'string' && HEX64.test(line.headDigest), '64 lower-case hex digits');
  expect('chainId', Number.isSafeInteger(line.chainId) && (line.chainId as number) > 0, 'a chain id');
  expect('contractAddress', typeof line.contractAddress === 'string' && ADDRESS.test(line.contractAddress), 'an address');
  expect('publisher', typeof line.publisher === 'string' && ADDRESS.test(line.publisher), 'an address');
  expect('txHash', typeof line.txHash === 'string' && TX_HASH.test(line.txHash), 'a transaction hash');
  expect('blockHash', typeof line.blockHash === 'string', 'a block hash');
  return problems;
}

/**
 * Reads exported anchors back from an EVM node at `url` through verifyAnchorTransaction, as the
 * publisher does (status, sender, contract, call data, Anchored event, canonical block,
 * confirmations), and checks the block is the one the export names. The node must serve the
 * anchor's chain id (asked once per chain: the provider's network is static, so a node of
 * another chain would otherwise go unnoticed). Reads only; needs no Tally database.
 */
export function rpcChainAnchorChecker(url: string, options: { minConfirmations: number; timeoutMs: number }): { check: ChainAnchorChecker; close: () => void } {
  const providers = new Map<number, { provider: JsonRpcProvider; servedChainId: Promise<number> }>();
  const providerFor = (chainId: number) => {
    let entry = providers.get(chainId);
    if (!entry) {
      const provider = jsonRpcProvider(url, chainId, options.timeoutMs);
      entry = { provider, servedChainId: provider.send('eth_chainId', []).then((hex: string) => Number(BigInt(hex))) };
      entry.servedChainId.catch(() => undefined);
      providers.set(chainId, entry);
    }
    return entry;
  };

  const check: ChainAnchorChecker = async (anchor) => {
    const base = { anchorId: anchor.anchorId, treeSize: anchor.treeSize, txHash: anchor.txHash };
    const { provider, servedChainId } = providerFor(anchor.chainId);
    try {
      const served = await servedChainId;
      if (served !== anchor.chainId) return { ...base, state: 'wrong-chain', ok: false, problems: [`the node at the RPC URL serves chain ${served}, the anchor is on chain ${anchor.chainId} (${anchor.chain})`] };
      const found = await verifyAnchorTransaction(provider, { ...anchor, minConfirmations: options.minConfirmations });
      switch (found.state) {
        case 'confirmed': {
          const sameBlock = found.blockHash.toLowerCase() === anchor.blockHash.toLowerCase();
          const problems = sameBlock ? [] : [`mined in block ${found.blockNumber} ${found.blockHash}, not in the exported block ${anchor.blockNumber} ${anchor.blockHash}`];
          return { ...base, state: found.state, ok: sameBlock, blockNumber: found.blockNumber, blockHash: found.blockHash, confirmations: found.confirmations, problems };
        }
        case 'mined':
          return { ...base, state: found.state, ok: false, blockNumber: found.blockNumber, blockHash: found.blockHash, confirmations: found.confirmations, problems: [`only ${found.confirmations} of ${options.minConfirmations} confirmations`] };
        case 'pending':
          return { ...base, state: found.state, ok: false, problems: ['the transaction is not mined'] };
        case 'missing':
          return { ...base, state: found.state, ok: false, problems: ['the transaction is unknown to the chain (never sent, dropped, or reorganised away)'] };
        case 'reorged':
          return { ...base, state: found.state, ok: false, blockNumber: found.blockNumber, blockHash: found.blockHash, problems: [`block ${found.blockNumber} ${found.blockHash} is no longer canonical`] };
        case 'reverted':
          return { ...base, state: found.state, ok: false, blockNumber: found.blockNumber, blockHash: found.blockHash, problems: ['the transaction reverted'] };
        case 'mismatch':
          return { ...base, state: found.state, ok: false, problems: found.problems };
      }
    } catch (error) {
      return { ...base, state: 'unreachable', ok: false, problems: [`the node did not answer: ${error instanceof Error ? error.message : String(error)}`] };
    }
  };

  return { check, close: () => providers.forEach(({ provider }) => provider.destroy()) };
}
