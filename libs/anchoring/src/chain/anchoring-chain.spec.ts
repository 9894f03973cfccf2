import { ConfigError } from '@tally/platform';
import { loadAnchoringChainConfig } from './anchoring-chain.config';
import { anchorArguments, contestIdBytes32 } from './anchor-verification';
import { endTriggerOf, failureOf } from './publish/anchor-rules';
import { AnchorRow } from './publish/blockchain-anchors';

const KEY = `0x${'ab'.repeat(32)}`;
const ADDRESS = `0x${'12'.repeat(20)}`;

describe('anchoring chain settings', () => {
  it('are off with no RPC URL, and need the key, contract and chain id with one', () => {
    expect(loadAnchoringChainConfig({})).toMatchObject({ rpcUrl: undefined, confirmations: 12, chainName: 'evm-0' });
    const env = { ANCHORING_CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHORING_CHAIN_PRIVATE_KEY: KEY, ANCHORING_CHAIN_CONTRACT_ADDRESS: ADDRESS, ANCHORING_CHAIN_ID: '11155111' };
    expect(loadAnchoringChainConfig(env)).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545/', chainId: 11155111, chainName: 'evm-11155111', contractAddress: ADDRESS });
    expect(loadAnchoringChainConfig({ ...env, ANCHORING_CHAIN_NAME: 'sepolia', ANCHORING_CHAIN_CONFIRMATIONS: '3' })).toMatchObject({ chainName: 'sepolia', confirmations: 3 });
    for (const [name, broken] of [
      ['ANCHORING_CHAIN_PRIVATE_KEY', { ...env, ANCHORING_CHAIN_PRIVATE_KEY: undefined }],
      ['ANCHORING_CHAIN_PRIVATE_KEY', { ...env, ANCHORING_CHAIN_PRIVATE_KEY: '0x1234' }],
      ['ANCHORING_CHAIN_CONTRACT_ADDRESS', { ...env, ANCHORING_CHAIN_CONTRACT_ADDRESS: undefined }],
      ['ANCHORING_CHAIN_CONTRACT_ADDRESS', { ...env, ANCHORING_CHAIN_CONTRACT_ADDRESS: 'not-an-address' }],
      ['ANCHORING_CHAIN_ID', { ...env, ANCHORING_CHAIN_ID: undefined }],
      ['ANCHORING_CHAIN_RPC_URL', { ...env, ANCHORING_CHAIN_RPC_URL: 'ftp://node' }],
      ['ANCHORING_CHAIN_CONFIRMATIONS', { ...env, ANCHORING_CHAIN_CONFIRMATIONS: '0' }],
    ] as const) {
      expect(() => loadAnchoringChainConfig(broken)).toThrow(ConfigError);
      expect(() => loadAnchoringChainConfig(broken)).toThrow(name);
    }
  });
});

describe('what goes on the chain', () => {
  it('is the contest UUID then 16 zero bytes, the size, the root and the head digest', () => {
    const root = 'a'.repeat(64);
    const digest = 'b'.repeat(64);
    expect(contestIdBytes32('0190a4c2-7f3e-7c1a-9b2d-3e4f5a6b7c8d')).toBe(`0x0190a4c27f3e7c1a9b2d3e4f5a6b7c8d${'0'.repeat(32)}`);
    expect(anchorArguments({ contestId: '0190a4c2-7f3e-7c1a-9b2d-3e4f5a6b7c8d', treeSize: 7, rootHash: root, headDigest: digest })).toEqual([`0x0190a4c27f3e7c1a9b2d3e4f5a6b7c8d${'0'.repeat(32)}`, 7n, `0x${root}`, `0x${digest}`]);
    expect(() => contestIdBytes32('not-a-uuid')).toThrow('Not a UUID');
    expect(() => anchorArguments({ contestId: '0190a4c2-7f3e-7c1a-9b2d-3e4f5a6b7c8d', treeSize: -1, rootHash: root, headDigest: digest })).toThrow('Bad tree size');
    expect(() => anchorArguments({ contestId: '0190a4c2-7f3e-7c1a-9b2d-3e4f5a6b7c8d', treeSize: 1, rootHash: 'A'.repeat(64), headDigest: digest })).toThrow('rootHash');
  });
});

describe('when and why an anchor is sent again', () => {
  it('anchors the end of a phase: closed, finalized, cancelled', () => {
    expect(['draft', 'scheduled', 'open', 'closed', 'finalized', 'cancelled'].map((to) => endTriggerOf(to as never))).toEqual([null, null, null, 'contest-closed', 'contest-finalized', 'contest-cancelled']);
  });

  it('tells a transaction reorganised away (it had a block) from one dropped (it never had one), and waits on pending or mined', () => {
    const anchor = { txHash: '0xabc', blockNumber: 9, blockHash: '0xdef' } as AnchorRow;
    expect(failureOf({ state: 'missing' }, anchor)).toMatchObject({ reason: 'reorged' });
    expect(failureOf({ state: 'missing' }, { ...anchor, blockNumber: null, blockHash: null })).toMatchObject({ reason: 'dropped' });
    expect(failureOf({ state: 'reorged', blockNumber: 9, blockHash: '0xdef' }, anchor)).toMatchObject({ reason: 'reorged' });
    expect(failureOf({ state: 'reverted', blockNumber: 9, blockHash: '0xdef' }, anchor)).toMatchObject({ reason: 'reverted' });
    expect(failureOf({ state: 'mismatch', problems: ['a', 'b'] }, anchor)).toEqual({ reason: 'mismatch', detail: 'a; b' });
    expect(failureOf({ state: 'pending' }, anchor)).toBeNull();
    expect(failureOf({ state: 'mined', blockNumber: 9, blockHash: '0xdef', confirmations: 1, blockTime: '' }, anchor)).toBeNull();
  });
});
