import { exportedAnchorProblems } from './chain-anchor-check';

describe('exportedAnchorProblems (an exported anchor line before it is read on a chain)', () => {
  const line = {
    type: 'anchor',
    anchorId: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b',
    contestId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
    treeSize: 4,
    rootHash: 'a'.repeat(64),
    headDigest: 'b'.repeat(64),
    chain: 'sepolia',
    chainId: 11155111,
    contractAddress: `0x${'1'.repeat(40)}`,
    publisher: `0x${'2'.repeat(40)}`,
    txHash: `0x${'3'.repeat(64)}`,
    blockNumber: 123,
    blockHash: `0x${'4'.repeat(64)}`,
    timestamp: '2026-12-04T15:00:12.000Z',
  };

  it('accepts the shape contest:export writes', () => {
    expect(exportedAnchorProblems(line)).toEqual([]);
  });

  it('names every field that cannot be read back', () => {
    const bad = { ...line, contestId: 'contest-1', treeSize: -1, rootHash: 'A'.repeat(64), chainId: '1', publisher: '0x12', txHash: undefined };
    expect(exportedAnchorProblems(bad)).toEqual([
      'contestId is not a UUID',
      'treeSize is not a whole number',
      'rootHash is not 64 lower-case hex digits',
      'chainId is not a chain id',
      'publisher is not an address',
      'txHash is not a transaction hash',
    ]);
  });
});
