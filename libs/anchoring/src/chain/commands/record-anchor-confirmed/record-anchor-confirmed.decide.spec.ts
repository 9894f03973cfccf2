import { contestAnchorsDecider } from '../../domain/contest-anchors.state';
import { decideRecordAnchorConfirmed } from './record-anchor-confirmed.decide';

const now = new Date('2026-03-01T12:00:00.000Z');
const input = {
  anchorId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60',
  contestId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61',
  treeSize: 4,
  rootHash: 'ab'.repeat(32),
  headDigest: 'cd'.repeat(32),
  trigger: 'contest-closed' as const,
  chain: 'sepolia',
  chainId: 11155111,
  txHash: `0x${'ef'.repeat(32)}`,
  blockNumber: 12,
  blockHash: `0x${'01'.repeat(32)}`,
};
const eventId = '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f62';

describe('decideRecordAnchorConfirmed', () => {
  it('records an anchor confirmed once, with the id it was given', () => {
    const first = decideRecordAnchorConfirmed(input, eventId, contestAnchorsDecider.initialState(), now);
    expect(first).toEqual([{ id: eventId, type: 'AnchorConfirmed', data: { ...input, at: now.toISOString() } }]);
    const after = first.reduce(contestAnchorsDecider.evolve, contestAnchorsDecider.initialState());
    // Found confirmed again (a repeated run, a re-anchoring after a reorganisation, another transaction): nothing new.
    expect(decideRecordAnchorConfirmed({ ...input, txHash: `0x${'aa'.repeat(32)}`, blockNumber: 20 }, eventId, after, now)).toEqual([]);
  });

  it('records each anchor of a contest', () => {
    const after = decideRecordAnchorConfirmed(input, eventId, contestAnchorsDecider.initialState(), now).reduce(contestAnchorsDecider.evolve, contestAnchorsDecider.initialState());
    expect(decideRecordAnchorConfirmed({ ...input, anchorId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f63', treeSize: 9 }, 'another-id', after, now)).toHaveLength(1);
  });
});
