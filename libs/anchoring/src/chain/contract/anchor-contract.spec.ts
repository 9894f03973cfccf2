import { readFileSync } from 'node:fs';
import { anchorContractArtifact } from './anchor-contract.artifact';
import { ANCHOR_CONTRACT_ARTIFACT, artifactFileContent, compileAnchorContract } from './anchor-contract.compile';

describe('the committed TallyAnchor artifact', () => {
  it('equals a fresh offline compile of TallyAnchor.sol with the pinned solc-js (run npm run contracts:build after editing the contract)', () => {
    const fresh = compileAnchorContract();
    expect(readFileSync(ANCHOR_CONTRACT_ARTIFACT, 'utf8')).toBe(artifactFileContent(fresh));
  });

  it('declares anchor(contestId, treeSize, root, headDigest) and the Anchored event the verifier reads', () => {
    const abi = anchorContractArtifact().abi as { type: string; name?: string; inputs?: { name: string; type: string; indexed?: boolean }[] }[];
    const anchored = abi.find((entry) => entry.type === 'event' && entry.name === 'Anchored');
    expect(anchored?.inputs).toEqual([
      expect.objectContaining({ name: 'contestId', type: 'bytes32', indexed: true }),
      expect.objectContaining({ name: 'treeSize', type: 'uint64', indexed: false }),
      expect.objectContaining({ name: 'root', type: 'bytes32', indexed: false }),
      expect.objectContaining({ name: 'headDigest', type: 'bytes32', indexed: false }),
    ]);
    const anchor = abi.find((entry) => entry.type === 'function' && entry.name === 'anchor');
    expect(anchor?.inputs?.map((input) => input.type)).toEqual(['bytes32', 'uint64', 'bytes32', 'bytes32']);
  });
});
