import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1 over SHA-256: leaf hash SHA-256(0x00‖leaf),
 * node hash SHA-256(0x01‖left‖right), MTH(D[n]) split at k, the largest power of two below n.
 *
 * Hashes are addressed as perfect subtrees: node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level) and level 0 holds the leaf hashes. Every node the RFC's
 * recursion visits is such a perfect subtree or the right edge of one (a range that ends at the
 * tree size), and a right edge is composed of at most log2(n) perfect subtrees, so a store that
 * keeps the perfect subtrees serves any proof from O(log n) stored hashes (see nodesRead).
 * No framework here: the offline verifier (apps/cli) runs this same file.
 */

export const HASH_BYTES = 32;

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(leaf: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The hash of the perfect subtree (level, index); must exist (every leaf it covers is in the tree). */
export type SubtreeHashes = (level: number, index: number) => Buffer;

/** MTH(D[0:size]). */
export function rootHash(size: number, nodes: SubtreeHashes): Buffer {
  return size === 0 ? EMPTY_ROOT : rangeHash(0, size, nodes);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(index: number, size: number, nodes: SubtreeHashes): Buffer[] {
  if (!isIndex(index) || !isIndex(size) || index >= size) throw new RangeError(`No leaf ${index} in a tree of ${size}`);
  const path: Buffer[] = [];
  collectPath(index, 0, size, nodes, path);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]): proves the tree of `first` leaves is a prefix of the tree of `second`. */
export function consistencyProof(first: number, second: number, nodes: SubtreeHashes): Buffer[] {
  if (!isIndex(first) || !isIndex(second) || first > second) throw new RangeError(`No consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const proof: Buffer[] = [];
  collectSubproof(first, 0, second, true, nodes, proof);
  return proof;
}

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): boolean {
  if (!isIndex(index) || !isIndex(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2, step by step, plus the cases its algorithm leaves to the caller: sizes
 * must not go backwards, a tree is consistent with itself (same root, empty proof) and every
 * tree extends the empty one (empty proof).
 */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!isIndex(first) || !isIndex(second) || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !proof.every(isHash)) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/**
 * The perfect subtrees `compute` reads, in reading order, without their hashes: which nodes a
 * proof or root needs depends on the sizes only, so a store can fetch them all in one query and
 * then run `compute` again over what it fetched.
 */
export function nodesRead(compute: (nodes: SubtreeHashes) => unknown): Array<[level: number, index: number]> {
  const seen = new Map<string, [number, number]>();
  compute((level, index) => {
    seen.set(`${level}:${index}`, [level, index]);
    return EMPTY_ROOT;
  });
  return [...seen.values()];
}

/** The perfect subtrees whose hashes make up MTH(D[0:size]), left to right (the binary digits of size). */
export function frontier(size: number): Array<[level: number, index: number]> {
  const nodes: Array<[number, number]> = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      nodes.push([level, start / width]);
      start += width;
    }
  }
  return nodes;
}

/**
 * Appends leaf hashes and yields every perfect subtree each append completes (what a store
 * keeps), holding only the frontier in memory. `root()` is MTH of everything appended so far.
 */
export class MerkleAppender {
  private size: number;
  /** The frontier's hashes, largest (leftmost) first. */
  private readonly stack: Buffer[];

  /** Starts from a tree of `size` leaves given its frontier hashes (in frontier(size) order). */
  constructor(size = 0, frontierHashes: readonly Buffer[] = []) {
    if (frontier(size).length !== frontierHashes.length) throw new Error(`A tree of ${size} leaves has ${frontier(size).length} frontier hashes, got ${frontierHashes.length}`);
    this.size = size;
    this.stack = [...frontierHashes];
  }

  get treeSize(): number {
    return this.size;
  }

  /** Adds one leaf hash; returns the perfect subtrees it completes (level 0 is the leaf itself). */
  append(hash: Buffer): Array<{ level: number; index: number; hash: Buffer }> {
    const index = this.size;
    const completed = [{ level: 0, index, hash }];
    let node = hash;
    let level = 0;
    while ((index + 1) % 2 ** (level + 1) === 0) {
      node = nodeHash(this.stack.pop()!, node);
      level++;
      completed.push({ level, index: (index + 1) / 2 ** level - 1, hash: node });
    }
    this.stack.push(node);
    this.size++;
    return completed;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let root = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i], root);
    return root;
  }
}

/** Every perfect subtree in memory: for tests, the CLI's offline verifier and small logs. */
export class MemoryMerkleTree {
  /** levels[l][i] = node (l, i). */
  private readonly levels: Buffer[][] = [[]];
  private readonly appender = new MerkleAppender();

  get size(): number {
    return this.appender.treeSize;
  }

  appendLeaf(leaf: Buffer): Buffer {
    const hash = leafHash(leaf);
    this.appendHash(hash);
    return hash;
  }

  appendHash(hash: Buffer): void {
    for (const node of this.appender.append(hash)) (this.levels[node.level] ??= [])[node.index] = node.hash;
  }

  readonly node: SubtreeHashes = (level, index) => {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`No node (${level}, ${index}) in a tree of ${this.size}`);
    return hash;
  };

  root(size = this.size): Buffer {
    return size === this.size ? this.appender.root() : rootHash(size, this.node);
  }

  inclusionProof(index: number, size = this.size): Buffer[] {
    return inclusionProof(index, size, this.node);
  }

  consistencyProof(first: number, second = this.size): Buffer[] {
    return consistencyProof(first, second, this.node);
  }
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH(D[start:end]) for a range the RFC recursion visits (start aligned to the largest power of two below end − start). */
function rangeHash(start: number, end: number, nodes: SubtreeHashes): Buffer {
  const n = end - start;
  if (isPowerOfTwo(n) && start % n === 0) return nodes(Math.log2(n), start / n);
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(rangeHash(start, start + k, nodes), rangeHash(start + k, end, nodes));
}

function collectPath(m: number, start: number, end: number, nodes: SubtreeHashes, path: Buffer[]): void {
  const n = end - start;
  if (n === 1) return;
  const k = largestPowerOfTwoBelow(n);
  if (m < start + k) {
    collectPath(m, start, start + k, nodes, path);
    path.push(rangeHash(start + k, end, nodes));
  } else {
    collectPath(m, start + k, end, nodes, path);
    path.push(rangeHash(start, start + k, nodes));
  }
}

function collectSubproof(m: number, start: number, end: number, complete: boolean, nodes: SubtreeHashes, proof: Buffer[]): void {
  if (m === end) {
    if (!complete) proof.push(rangeHash(start, end, nodes));
    return;
  }
  const k = largestPowerOfTwoBelow(end - start);
  if (m <= start + k) {
    collectSubproof(m, start, start + k, complete, nodes, proof);
    proof.push(rangeHash(start + k, end, nodes));
  } else {
    collectSubproof(m, start + k, end, false, nodes, proof);
    proof.push(rangeHash(start, start + k, nodes));
  }
}

/** The largest power of two strictly below n (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(hash: Buffer): boolean {
  return Buffer.isBuffer(hash) && hash.length === HASH_BYTES;
}
