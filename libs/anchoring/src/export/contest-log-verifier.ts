import { canonicalEntry, entryProblems } from '../log/domain/log-entry';
import { TallyReplay } from '../log/domain/tally-replay';
import { leafHash, MerkleAppender } from '../merkle/merkle';
import { treeHeadDigest } from '../tree-heads/signed-tree-head';
import { verifyTreeHeadSignature } from '../tree-heads/tree-head-signature';
import type { ExportedAnchor } from '../chain/publish/blockchain-anchors';
import { ChainAnchorCheck, ChainAnchorChecker, exportedAnchorProblems } from './chain-anchor-check';
import { CONTEST_LOG_FORMAT, ContestLogLine, HeadLine, LogHeaderLine } from './contest-log-format';

export interface ContestVerification {
  ok: boolean;
  contestId: string | null;
  tenantId: string | null;
  leaves: number;
  /** Heads whose root was recomputed from the leaves and whose signature verified. */
  headsVerified: number;
  heads: number;
  /** Anchors whose content hash is the digest of a verified head, with that head's size and root. */
  anchorsMatched: number;
  anchors: number;
  /**
   * The anchors' transactions read back on the chain (VerifyOptions.checkAnchor): `checked` false
   * when no chain was asked (no --rpc): then the anchors are matched to heads only, not verified
   * on the chain. `confirmed` counts the anchors whose transaction checked out.
   */
  chain: { checked: boolean; confirmed: number; anchors: ChainAnchorCheck[] };
  tally: { recomputed: Record<string, number>; published: Record<string, number> | null; matches: boolean };
  /** Votes whose leaf was altered or that the log does not explain, by vote id. */
  tamperedVotes: Array<{ voteId: string; leafIndex: number; reason: string }>;
  problems: string[];
}

export interface VerifyOptions {
  /** The tenant's log key (raw Ed25519) as the auditor obtained it; else the key in the export's header. */
  trustedKey?: Buffer;
  /** Reads an anchor's transaction on its chain (rpcChainAnchorChecker); without it the chain is not checked. */
  checkAnchor?: ChainAnchorChecker;
  /** Called as leaves are checked (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks an exported contest log with no database: every leaf's entry hashes to its recorded
 * leaf hash, every signed head's root is recomputed from the leaves (RFC 9162) and its Ed25519
 * signature checked, every anchor names the digest of a verified head, the replayed tally
 * follows the rules of a vote's life and equals the published one. Names each tampered vote.
 * Streams: memory is the tree's frontier plus the set of votes, not the leaves.
 */
export async function verifyContestLog(lines: AsyncIterable<string>, options: VerifyOptions = {}): Promise<ContestVerification> {
  const problems: string[] = [];
  const tampered = new Map<string, { voteId: string; leafIndex: number; reason: string }>();
  const report: ContestVerification = {
    ok: false,
    contestId: null,
    tenantId: null,
    leaves: 0,
    headsVerified: 0,
    heads: 0,
    anchorsMatched: 0,
    anchors: 0,
    chain: { checked: options.checkAnchor !== undefined, confirmed: 0, anchors: [] },
    tally: { recomputed: {}, published: null, matches: false },
    tamperedVotes: [],
    problems,
  };
  let header: LogHeaderLine | null = null;
  const heads: HeadLine[] = [];
  /** The verified heads by the hex digest an anchor carries. */
  const verifiedDigests = new Map<string, HeadLine>();
  const tree = new MerkleAppender();
  const replay = new TallyReplay();
  let nextHead = 0;
  let lineNo = 0;
  /** Leaves since the previous head: named when a head's root does not match. */
  let sinceHead: Array<{ voteId: string; index: number }> = [];

  const checkHeadsAt = (size: number): void => {
    while (nextHead < heads.length && heads[nextHead].treeSize === size) {
      const head = heads[nextHead++];
      const root = tree.root().toString('hex');
      const { type: _type, ...signed } = head;
      const key = options.trustedKey ?? (header?.logKey ? Buffer.from(header.logKey.publicKey, 'base64') : null);
      const signatureOk = !!key && verifyTreeHeadSignature(signed, key);
      if (!signatureOk) problems.push(`head of size ${head.treeSize}: the signature does not verify with the tenant log key`);
      if (root !== head.rootHash) {
        problems.push(`head of size ${head.treeSize}: the leaves hash to root ${root}, the signed head says ${head.rootHash}; a leaf among ${sinceHead[0]?.index ?? size}..${size - 1} was changed`);
        for (const leaf of sinceHead) if (!tampered.has(leaf.voteId)) tampered.set(leaf.voteId, { voteId: leaf.voteId, leafIndex: leaf.index, reason: `in the range of leaves whose root does not match the head of size ${head.treeSize}` });
      }
      if (signatureOk && root === head.rootHash) {
        report.headsVerified++;
        verifiedDigests.set(treeHeadDigest(signed).toString('hex'), head);
      }
      sinceHead = [];
    }
  };

  /** The head digest it anchors must be that of a head recomputed and verified here; then its transaction is read on the chain (when asked). */
  const checkAnchor = async (line: Record<string, unknown>): Promise<void> => {
    const name = `anchor ${String(line.anchorId)}`;
    const head = typeof line.headDigest === 'string' ? verifiedDigests.get(line.headDigest) : undefined;
    if (!head) problems.push(`${name}: its head digest is not the digest of a verified head`);
    else if (head.treeSize !== line.treeSize || head.rootHash !== line.rootHash || head.contestId !== line.contestId) problems.push(`${name}: its size, root or contest differ from the head it anchors`);
    else report.anchorsMatched++;
    if (!options.checkAnchor) return;
    const shape = exportedAnchorProblems(line);
    if (shape.length > 0) {
      problems.push(`${name}: cannot be read on the chain: ${shape.join(', ')}`);
      return;
    }
    const found = await options.checkAnchor(line as unknown as ExportedAnchor);
    report.chain.anchors.push(found);
    if (found.ok) report.chain.confirmed++;
    else problems.push(`${name} (head of size ${found.treeSize}, transaction ${found.txHash}): ${found.state} on the chain: ${found.problems.join('; ')}`);
  };

  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === '') continue;
    let line: ContestLogLine;
    try {
      line = JSON.parse(raw) as ContestLogLine;
    } catch {
      problems.push(`line ${lineNo}: not JSON`);
      continue;
    }
    switch (line.type) {
      case 'log':
        if (header) problems.push(`line ${lineNo}: a second log header`);
        if (line.format !== CONTEST_LOG_FORMAT) problems.push(`line ${lineNo}: unknown format ${String(line.format)}`);
        header = line;
        report.contestId = line.contestId;
        report.tenantId = line.tenantId;
        break;
      case 'head':
        if (report.leaves > 0) problems.push(`line ${lineNo}: heads must come before the leaves`);
        if (line.contestId !== header?.contestId || line.tenantId !== header?.tenantId) problems.push(`line ${lineNo}: a head of another contest or tenant`);
        if (heads.length && heads[heads.length - 1].treeSize >= line.treeSize) problems.push(`line ${lineNo}: heads out of order (size ${line.treeSize})`);
        heads.push(line);
        report.heads++;
        if (line.treeSize === 0) checkHeadsAt(0);
        break;
      case 'leaf': {
        const index = report.leaves;
        const entry = line.entry;
        const shape = entryProblems(entry);
        const voteId = typeof entry?.voteId === 'string' ? entry.voteId : `leaf ${index}`;
        if (line.index !== index) problems.push(`line ${lineNo}: leaf ${String(line.index)} where leaf ${index} was expected`);
        if (shape.length > 0) {
          problems.push(`leaf ${index} (vote ${voteId}): ${shape.join(', ')}`);
          tampered.set(voteId, { voteId, leafIndex: index, reason: `malformed entry: ${shape.join(', ')}` });
          tree.append(Buffer.from(typeof line.hash === 'string' ? line.hash : '', 'hex'));
        } else {
          const hash = leafHash(canonicalEntry(entry));
          if (hash.toString('hex') !== line.hash) {
            problems.push(`leaf ${index} (vote ${voteId}): the entry does not hash to its recorded leaf hash`);
            tampered.set(voteId, { voteId, leafIndex: index, reason: 'the entry was changed after it was logged (its hash differs from the recorded leaf hash)' });
          }
          if (entry.contestId !== header?.contestId) problems.push(`leaf ${index} (vote ${voteId}): of another contest`);
          tree.append(hash);
          const before = replay.problems.length;
          replay.apply(entry);
          for (const problem of replay.problems.slice(before)) {
            problems.push(`leaf ${index} (vote ${voteId}): ${problem.problem}`);
            if (!tampered.has(voteId)) tampered.set(voteId, { voteId, leafIndex: index, reason: problem.problem });
          }
        }
        sinceHead.push({ voteId, index });
        report.leaves++;
        checkHeadsAt(report.leaves);
        options.onProgress?.(report.leaves, header?.leaves ?? report.leaves);
        break;
      }
      case 'anchor':
        report.anchors++;
        await checkAnchor(line);
        break;
      case 'tally':
        report.tally.published = line.counts;
        break;
      default:
        problems.push(`line ${lineNo}: unknown line type ${String((line as { type?: unknown }).type)}`);
    }
  }
  if (!header) problems.push('no log header: not a contest export');
  if (nextHead < heads.length) problems.push(`${heads.length - nextHead} head(s) cover more leaves than the export holds (${report.leaves})`);
  if (header && header.leaves !== report.leaves) problems.push(`the header announces ${header.leaves} leaves, the export holds ${report.leaves}`);
  const recomputed = Object.fromEntries([...replay.tally()].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
  report.tally.recomputed = recomputed;
  if (report.tally.published) {
    const published = Object.fromEntries(Object.entries(report.tally.published).filter(([, n]) => n !== 0));
    const ids = new Set([...Object.keys(published), ...Object.keys(recomputed)]);
    const differ = [...ids].filter((id) => (published[id] ?? 0) !== (recomputed[id] ?? 0));
    report.tally.matches = differ.length === 0;
    for (const id of differ) problems.push(`tally: contestant ${id} has ${published[id] ?? 0} published, ${recomputed[id] ?? 0} recomputed from the log`);
  } else {
    problems.push('no published tally in the export');
  }
  report.tamperedVotes = [...tampered.values()].sort((a, b) => a.leafIndex - b.leafIndex);
  report.ok = problems.length === 0;
  return report;
}
