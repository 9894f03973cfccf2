import fc from 'fast-check';
import { consistencyProof, EMPTY_ROOT, frontier, inclusionProof, leafHash, MemoryMerkleTree, MerkleAppender, nodesRead, rootHash, verifyConsistency, verifyInclusion } from './merkle';

// The RFC 6962 reference vectors that Certificate Transparency implementations test against
// (google/certificate-transparency, transparency-dev/merkle proof/verify_test.go): eight leaves,
// the roots of the trees of their first 1..8, and audit and consistency paths between them.
const h = (hex: string): Buffer => Buffer.from(hex, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h);
/** Leaf numbers are 1-based in the reference (leaf 1 is index 0). */
const INCLUSION: Array<{ leaf: number; size: number; proof: string[] }> = [
  { leaf: 1, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { leaf: 6, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { leaf: 2, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CONSISTENCY: Array<{ first: number; second: number; proof: string[] }> = [
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { first: 6, second: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const SOME_HASH = h('abacaba000000000000000000000000000000000000000000060061e00123456');

function referenceTree(): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  for (const leaf of LEAVES) tree.appendLeaf(leaf);
  return tree;
}

/** Flips one bit of one hash of a proof (a copy). */
function flipped(proof: readonly Buffer[], element: number, bit: number): Buffer[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const copy = Buffer.from(hash);
    copy[bit >> 3] ^= 1 << (bit & 7);
    return copy;
  });
}

describe('RFC 6962 / RFC 9162 Merkle tree: the reference vectors', () => {
  const tree = referenceTree();

  it('hashes the empty tree and the trees of the first 1..8 reference leaves to the published roots', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootHash(0, tree.node)).toEqual(EMPTY_ROOT);
    ROOTS.forEach((root, i) => expect(tree.root(i + 1).toString('hex')).toBe(root.toString('hex')));
    const appender = new MerkleAppender();
    LEAVES.forEach((leaf, i) => {
      appender.append(leafHash(leaf));
      expect(appender.root()).toEqual(ROOTS[i]);
    });
  });

  it.each(INCLUSION)('builds and verifies the published audit path of leaf $leaf in the tree of $size', ({ leaf, size, proof }) => {
    const expected = proof.map(h);
    expect(tree.inclusionProof(leaf - 1, size)).toEqual(expected);
    const hash = leafHash(LEAVES[leaf - 1]);
    const root = ROOTS[size - 1];
    expect(verifyInclusion(leaf - 1, size, hash, expected, root)).toBe(true);
    // The reference suite's corruptions: each must fail.
    const wrong: Array<[string, boolean]> = [
      ['index - 1', verifyInclusion(leaf - 2, size, hash, expected, root)],
      ['index + 1', verifyInclusion(leaf, size, hash, expected, root)],
      ['index ^ 2', verifyInclusion((leaf - 1) ^ 2, size, hash, expected, root)],
      ['size * 2', verifyInclusion(leaf - 1, size * 2, hash, expected, root)],
      ['size / 2', verifyInclusion(leaf - 1, Math.floor(size / 2), hash, expected, root)],
      ['wrong leaf', verifyInclusion(leaf - 1, size, leafHash(Buffer.from('WrongLeaf')), expected, root)],
      ['empty root', verifyInclusion(leaf - 1, size, hash, expected, EMPTY_ROOT)],
      ['random root', verifyInclusion(leaf - 1, size, hash, expected, SOME_HASH)],
      ['trailing garbage', verifyInclusion(leaf - 1, size, hash, [...expected, Buffer.alloc(0)], root)],
      ['trailing root', verifyInclusion(leaf - 1, size, hash, [...expected, root], root)],
      ['preceding garbage', verifyInclusion(leaf - 1, size, hash, [Buffer.alloc(0), ...expected], root)],
      ['preceding root', verifyInclusion(leaf - 1, size, hash, [root, ...expected], root)],
      ['removed component', verifyInclusion(leaf - 1, size, hash, expected.slice(0, -1), root)],
      ...expected.map((_, i): [string, boolean] => [`proof[${i}] bit 3`, verifyInclusion(leaf - 1, size, hash, flipped(expected, i, 3), root)]),
    ];
    if (expected.length > 1) wrong.push(['inserted component', verifyInclusion(leaf - 1, size, hash, [expected[0], SOME_HASH, ...expected.slice(1)], root)]);
    expect(wrong.filter(([, verified]) => verified).map(([name]) => name)).toEqual([]);
  });

  it.each(CONSISTENCY)('builds and verifies the published consistency proof from $first to $second', ({ first, second, proof }) => {
    const expected = proof.map(h);
    expect(tree.consistencyProof(first, second)).toEqual(expected);
    const [r1, r2] = [ROOTS[first - 1], ROOTS[second - 1]];
    expect(verifyConsistency(first, second, r1, r2, expected)).toBe(true);
    const wrong: Array<[string, boolean]> = [
      ['first - 1', verifyConsistency(first - 1, second, r1, r2, expected)],
      ['first + 1', verifyConsistency(first + 1, second, r1, r2, expected)],
      ['first ^ 2', verifyConsistency(first ^ 2, second, r1, r2, expected)],
      ['second * 2', verifyConsistency(first, second * 2, r1, r2, expected)],
      ['second / 2', verifyConsistency(first, Math.floor(second / 2), r1, r2, expected)],
      ['wrong root1', verifyConsistency(first, second, Buffer.from('WrongRoot'), r2, expected)],
      ['wrong root2', verifyConsistency(first, second, r1, Buffer.from('WrongRoot'), expected)],
      ['swapped roots', verifyConsistency(first, second, r2, r1, expected)],
      ['empty proof', verifyConsistency(first, second, r1, r2, [])],
      ['trailing garbage', verifyConsistency(first, second, r1, r2, [...expected, Buffer.alloc(0)])],
      ['trailing root1', verifyConsistency(first, second, r1, r2, [...expected, r1])],
      ['trailing root2', verifyConsistency(first, second, r1, r2, [...expected, r2])],
      ['preceding garbage', verifyConsistency(first, second, r1, r2, [Buffer.alloc(0), ...expected])],
      ['preceding root1', verifyConsistency(first, second, r1, r2, [r1, ...expected])],
      ['preceding root2', verifyConsistency(first, second, r1, r2, [r2, ...expected])],
      ['preceding proof[0]', verifyConsistency(first, second, r1, r2, [expected[0], ...expected])],
      ['truncated proof', verifyConsistency(first, second, r1, r2, expected.slice(0, -1))],
      ...expected.map((_, i): [string, boolean] => [`proof[${i}] bit 4`, verifyConsistency(first, second, r1, r2, flipped(expected, i, 4))]),
    ];
    expect(wrong.filter(([, verified]) => verified).map(([name]) => name)).toEqual([]);
  });

  it('follows the reference suite on the trivial cases: same size, from the empty tree, backwards', () => {
    const [a, b] = [Buffer.from("don't care 1"), Buffer.from("don't care 2")];
    expect(verifyConsistency(0, 0, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 1, a, b, [])).toBe(false);
    expect(verifyConsistency(0, 0, a, a, [])).toBe(true);
    expect(verifyConsistency(0, 1, a, b, [])).toBe(true);
    expect(verifyConsistency(1, 1, b, b, [])).toBe(true);
    expect(verifyConsistency(1, 0, a, b, [])).toBe(false);
    expect(verifyConsistency(2, 1, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 2, a, b, [])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false);
    const single = leafHash(Buffer.from('data'));
    expect(verifyInclusion(0, 1, single, [], single)).toBe(true);
    expect(verifyInclusion(0, 1, single, [], Buffer.alloc(0))).toBe(false);
    for (const [index, size] of [[0, 0], [1, 0], [2, 1]]) expect(verifyInclusion(index, size, SOME_HASH, [], EMPTY_ROOT)).toBe(false);
  });

  it('reads O(log n) stored subtrees for a proof in a tree of 1,000,000 leaves', () => {
    const size = 1_000_000;
    const reads = nodesRead((nodes) => inclusionProof(123_457, size, nodes));
    // 20 levels: at most one sibling per level plus the right edge's ≤ 20 perfect subtrees.
    expect(reads.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    expect(nodesRead((nodes) => consistencyProof(654_321, size, nodes)).length).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(size)));
    expect(frontier(size).map(([level]) => level)).toEqual([19, 18, 17, 16, 14, 9, 6]);
  });
});

describe('RFC 9162 Merkle tree: properties over random trees', () => {
  it('every inclusion and consistency proof verifies, and every one-bit change to the proof, leaf or root fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat(), (size, seed, pick) => {
        const tree = new MemoryMerkleTree();
        for (let i = 0; i < size; i++) tree.appendLeaf(Buffer.from(`${seed}:${i}`));
        // The appender's running root (what the projection signs) equals the RFC recursion over the stored subtrees.
        expect(tree.root()).toEqual(rootHash(size, tree.node));
        // A handful of indices and older sizes per tree (every index of every tree would be n² hashing).
        const indices = [0, size - 1, pick % size, (pick * 7919) % size];
        const firsts = [1, size, 1 + (pick % size), 1 + ((pick * 104729) % size)];
        const root = tree.root();
        for (const index of indices) {
          const leaf = leafHash(Buffer.from(`${seed}:${index}`));
          const proof = tree.inclusionProof(index);
          expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
          const bit = pick % 256;
          for (let i = 0; i < proof.length; i++) expect(verifyInclusion(index, size, leaf, flipped(proof, i, bit), root)).toBe(false);
          expect(verifyInclusion(index, size, flipped([leaf], 0, bit)[0], proof, root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, proof, flipped([root], 0, bit)[0])).toBe(false);
          if ((index ^ 1) < size) expect(verifyInclusion(index ^ 1, size, leaf, proof, root)).toBe(false);
        }
        for (const first of firsts) {
          const proof = tree.consistencyProof(first);
          const firstRoot = tree.root(first);
          expect(verifyConsistency(first, size, firstRoot, root, proof)).toBe(true);
          if (first === size) continue;
          const bit = (pick >> 3) % 256;
          for (let i = 0; i < proof.length; i++) expect(verifyConsistency(first, size, firstRoot, root, flipped(proof, i, bit))).toBe(false);
          expect(verifyConsistency(first, size, flipped([firstRoot], 0, bit)[0], root, proof)).toBe(false);
          expect(verifyConsistency(first, size, firstRoot, flipped([root], 0, bit)[0], proof)).toBe(false);
        }
      }),
      { numRuns: 30, seed: 16 },
    );
  });
});
