import { createHash, randomUUID } from 'node:crypto';
import { Wallet } from 'ethers';
import { AnchorContent, EthersAnchorChain, jsonRpcProvider, verifyAnchorTransaction } from '@tally/anchoring';
import { InProcessChain } from './anchoring-chain-kit';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

function content(treeSize = 3): AnchorContent {
  return { contestId: randomUUID(), treeSize, rootHash: hex(`root-${treeSize}-${randomUUID()}`), headDigest: hex(`head-${randomUUID()}`) };
}

describe('EthersAnchorChain on an in-process EVM (ganache 7.9.2)', () => {
  let chain: InProcessChain;
  let contractAddress: string;
  let anchors: EthersAnchorChain;

  beforeAll(async () => {
    chain = await InProcessChain.start();
    contractAddress = await chain.deployAnchorContract();
    const url = await chain.up();
    anchors = new EthersAnchorChain(jsonRpcProvider(url, chain.chainId, 2_000), new Wallet(chain.privateKey(0)), { name: 'ganache', chainId: chain.chainId, contractAddress, confirmations: 1 });
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('publishes a head and reads it back: status, sender, call data, Anchored log, canonical block, confirmations', async () => {
    const head = content();
    const sent = await anchors.publish(head);
    expect(sent).toEqual({ txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), publisher: new Wallet(chain.privateKey(0)).address, contractAddress });
    const inspection = await anchors.inspect({ ...head, ...sent, minConfirmations: 1 });
    expect(inspection).toEqual({ state: 'confirmed', blockNumber: expect.any(Number), blockHash: expect.stringMatching(/^0x/), confirmations: 1, blockTime: expect.any(String) });
    // Deeper confirmations arrive with later blocks.
    expect(await anchors.inspect({ ...head, ...sent, minConfirmations: 3 })).toMatchObject({ state: 'mined', confirmations: 1 });
    await chain.mine(2);
    expect(await anchors.inspect({ ...head, ...sent, minConfirmations: 3 })).toMatchObject({ state: 'confirmed', confirmations: 3 });
  });

  it('names what differs when the transaction is not the anchor expected (root, digest, sender, contract)', async () => {
    const head = content();
    const sent = await anchors.publish(head);
    const otherRoot = await anchors.inspect({ ...head, ...sent, rootHash: hex('another root'), minConfirmations: 1 });
    expect(otherRoot).toEqual({ state: 'mismatch', problems: ['its call data anchors another contest, size, root or digest', 'its Anchored log names another contest, size, root or digest'] });
    const otherSender = await anchors.inspect({ ...head, ...sent, publisher: new Wallet(chain.privateKey(1)).address, minConfirmations: 1 });
    expect(otherSender).toMatchObject({ state: 'mismatch', problems: [expect.stringContaining('not the publisher')] });
    const otherContract = await anchors.inspect({ ...head, ...sent, contractAddress: new Wallet(chain.privateKey(2)).address, minConfirmations: 1 });
    expect(otherContract).toMatchObject({ state: 'mismatch', problems: [expect.stringContaining('not the anchor contract'), 'its receipt holds no Anchored log of the anchor contract'] });
  });

  it('refuses an anchor from anyone but the publisher that deployed the contract', async () => {
    const intruder = new EthersAnchorChain(jsonRpcProvider(chain.url, chain.chainId, 2_000), new Wallet(chain.privateKey(1)), { name: 'ganache', chainId: chain.chainId, contractAddress, confirmations: 1 });
    await expect(intruder.publish(content())).rejects.toThrow(/NotPublisher|revert/i);
  });

  it('sees an anchor taken out by a reorganisation as missing, and a tx hash the chain never had likewise', async () => {
    const snapshot = await chain.snapshot();
    const head = content();
    const sent = await anchors.publish(head);
    expect(await anchors.inspect({ ...head, ...sent, minConfirmations: 1 })).toMatchObject({ state: 'confirmed' });
    await chain.revert(snapshot);
    await chain.mine(2);
    expect(await anchors.inspect({ ...head, ...sent, minConfirmations: 1 })).toEqual({ state: 'missing' });
    expect(await verifyAnchorTransaction(chain.provider, { ...head, ...sent, txHash: `0x${hex('nothing')}`, minConfirmations: 1 })).toEqual({ state: 'missing' });
  });

  it('fails a send while the node is down, and sends again once it is back', async () => {
    await chain.down();
    const head = content();
    await expect(anchors.publish(head)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    await chain.up();
    const sent = await anchors.publish(head);
    expect(await anchors.inspect({ ...head, ...sent, minConfirmations: 1 })).toMatchObject({ state: 'confirmed' });
  });
});
