import type { AbstractProvider, Interface, Log } from 'ethers';
import { anchorContractArtifact } from './contract/anchor-contract.artifact';
import { AnchorContent, AnchorExpectation, AnchorInspection } from './anchor-chain.port';
import { ethersSdk } from './ethers-sdk';

let anchorAbi: Interface | undefined;

/** The TallyAnchor contract's ABI as ethers reads it, built at its first use (ethers-sdk.ts: not at start). */
export function anchorInterface(): Interface {
  anchorAbi ??= new (ethersSdk().Interface)(anchorContractArtifact().abi as string[]);
  return anchorAbi;
}

/** A contest id (UUID) as the contract's bytes32: its 16 bytes, then 16 zero bytes. */
export function contestIdBytes32(contestId: string): string {
  const hex = contestId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`Not a UUID: ${contestId}`);
  return `0x${hex}${'0'.repeat(32)}`;
}

/** The arguments of anchor(contestId, treeSize, root, headDigest) for one head. */
export function anchorArguments(content: AnchorContent): [string, bigint, string, string] {
  for (const [name, value] of [['rootHash', content.rootHash], ['headDigest', content.headDigest]] as const) {
    if (!/^[0-9a-f]{64}$/.test(value)) throw new Error(`An anchor's ${name} is 64 lower-case hex digits`);
  }
  if (!Number.isSafeInteger(content.treeSize) || content.treeSize < 0) throw new Error(`Bad tree size ${content.treeSize}`);
  return [contestIdBytes32(content.contestId), BigInt(content.treeSize), `0x${content.rootHash}`, `0x${content.headDigest}`];
}

function sameArguments(actual: readonly unknown[], expected: readonly unknown[]): boolean {
  return actual.length === expected.length && actual.every((value, index) => String(value).toLowerCase() === String(expected[index]).toLowerCase());
}

/**
 * Reads an anchor's transaction back and checks it against what it should be (the issue's
 * "status, sender, data, confirmations and block hash"): the transaction exists and was mined;
 * its receipt's status is 1; it was sent by the publisher to the anchor contract with
 * anchor(contestId, treeSize, root, headDigest) of this head; the receipt holds the contract's
 * Anchored log with the same values; the block the receipt names is still the canonical block at
 * that height; and it is `minConfirmations` deep. Reads only (five RPC calls at most): the
 * publisher's inspect and the offline verifier use it alike.
 */
export async function verifyAnchorTransaction(provider: AbstractProvider, expected: AnchorExpectation): Promise<AnchorInspection> {
  const { getAddress } = ethersSdk();
  const [transaction, receipt] = await Promise.all([provider.getTransaction(expected.txHash), provider.getTransactionReceipt(expected.txHash)]);
  if (!transaction) return { state: 'missing' };
  if (!receipt || transaction.blockNumber === null) return { state: 'pending' };
  const problems: string[] = [];
  const args = anchorArguments(expected);
  if (getAddress(transaction.from) !== getAddress(expected.publisher)) problems.push(`sent by ${transaction.from}, not the publisher ${expected.publisher}`);
  if (!transaction.to || getAddress(transaction.to) !== getAddress(expected.contractAddress)) problems.push(`sent to ${transaction.to ?? 'a contract creation'}, not the anchor contract ${expected.contractAddress}`);
  let call: readonly unknown[] | undefined;
  try {
    call = anchorInterface().decodeFunctionData('anchor', transaction.data);
  } catch {
    problems.push('its data is not a call of anchor(bytes32,uint64,bytes32,bytes32)');
  }
  if (call && !sameArguments(call, args)) problems.push('its call data anchors another contest, size, root or digest');
  if (receipt.status !== 1) {
    return problems.length > 0 ? { state: 'mismatch', problems } : { state: 'reverted', blockNumber: receipt.blockNumber, blockHash: receipt.blockHash };
  }
  const anchored = receipt.logs.filter((log: Log) => getAddress(log.address) === getAddress(expected.contractAddress)).map((log) => anchorInterface().parseLog(log)).find((log) => log?.name === 'Anchored');
  if (!anchored) problems.push('its receipt holds no Anchored log of the anchor contract');
  else if (!sameArguments([...anchored.args], args)) problems.push('its Anchored log names another contest, size, root or digest');
  if (problems.length > 0) return { state: 'mismatch', problems };
  const [block, head] = await Promise.all([provider.getBlock(receipt.blockNumber), provider.getBlockNumber()]);
  if (!block || block.hash !== receipt.blockHash) return { state: 'reorged', blockNumber: receipt.blockNumber, blockHash: receipt.blockHash };
  const confirmations = head - receipt.blockNumber + 1;
  return {
    state: confirmations >= expected.minConfirmations ? 'confirmed' : 'mined',
    blockNumber: receipt.blockNumber,
    blockHash: receipt.blockHash,
    confirmations,
    blockTime: new Date(block.timestamp * 1000).toISOString(),
  };
}
