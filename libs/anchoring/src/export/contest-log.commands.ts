import { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { createReadStream, createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { VoteReceipt, verifyReceipt } from '../receipts/receipt';
import { receiptShapeProblems } from '../receipts/receipt-verifier';
import { rpcChainAnchorChecker } from './chain-anchor-check';
import { ContestExporter } from './contest-exporter';
import { ContestVerification, VerifyOptions, verifyContestLog } from './contest-log-verifier';

// The CLI commands of the anchoring context, shaped like apps/cli's CliCommand (libraries never
// import apps) and listed in apps/cli/src/commands.ts. The two verify commands are standalone:
// they read files only, so an outside auditor runs them with no database and no configuration.

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  interactive?: boolean;
}
type Options = Record<string, string | boolean | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const contestExportCommand = {
  name: 'contest:export',
  arguments: '<eventId>',
  minArgs: 1,
  description: "Writes an event's public Merkle log as JSON lines (heads, leaves, chain anchors, published tally) for verify:contest.",
  options: { out: { type: 'string' as const, description: 'file to write (default: standard output)' } },
  async run({ app, args, options, io }: { app: INestApplicationContext; args: string[]; options: Options; io: Io }): Promise<number> {
    const contestId = args[0];
    if (!UUID.test(contestId)) {
      io.err.write(`"${contestId}" is not an event id (a UUID).\n`);
      return 2;
    }
    const target: NodeJS.WritableStream = typeof options.out === 'string' ? createWriteStream(options.out) : io.out;
    const written = await app.get(ContestExporter).export(contestId, async (line) => {
      if (!target.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((resolve) => target.once('drain', () => resolve()));
    });
    if (typeof options.out === 'string') {
      target.end();
      await finished(target);
    }
    if (written === null) {
      io.err.write(`No Merkle log for event ${contestId} (no vote yet, or no such event).\n`);
      return 2;
    }
    io.err.write(`Exported ${written} leaves of event ${contestId}.\n`);
    return 0;
  },
};

export const verifyContestCommand = {
  name: 'verify:contest',
  standalone: true as const,
  arguments: '<file-or-dir>',
  minArgs: 1,
  description:
    'Verifies exported event logs offline (no database): recomputes every signed tree head from the leaves, checks the\n' +
    "signatures, the anchors' digests and the tally; names any tampered vote. A directory: every *.jsonl in it. With\n" +
    "--rpc (or ANCHORING_VERIFY_RPC_URL), reads each anchor's transaction on the chain; without it the chain is not checked.",
  options: {
    key: { type: 'string' as const, description: "the tenant's log key (base64 raw Ed25519, from /.well-known/tally/tenants/{id}/log-key); default: the export's" },
    rpc: { type: 'string' as const, description: "JSON-RPC URL of a node of the anchors' chain (any node, not Tally's); default: ANCHORING_VERIFY_RPC_URL" },
    confirmations: { type: 'string' as const, description: 'blocks an anchor must be deep, its own counted (default 12, as ANCHORING_CHAIN_CONFIRMATIONS)' },
  },
  async run({ args, options, io, env }: { args: string[]; options: Options; io: Io; env?: Record<string, string | undefined> }): Promise<number> {
    const files = statSync(args[0]).isDirectory() ? readdirSync(args[0]).filter((name) => name.endsWith('.jsonl')).sort().map((name) => join(args[0], name)) : [args[0]];
    const trustedKey = typeof options.key === 'string' ? Buffer.from(options.key, 'base64') : undefined;
    const rpc = typeof options.rpc === 'string' ? options.rpc : env?.ANCHORING_VERIFY_RPC_URL || undefined;
    const minConfirmations = typeof options.confirmations === 'string' ? Number(options.confirmations) : 12;
    if (!Number.isSafeInteger(minConfirmations) || minConfirmations < 1) {
      io.err.write(`--confirmations must be a whole number of at least 1, not "${String(options.confirmations)}".\n`);
      return 2;
    }
    if (rpc !== undefined && !/^https?:\/\/[^\s]+$/.test(rpc)) {
      io.err.write(`--rpc must be an http(s) URL of a JSON-RPC node, not "${rpc}".\n`);
      return 2;
    }
    const chain = rpc === undefined ? null : rpcChainAnchorChecker(rpc, { minConfirmations, timeoutMs: 15_000 });
    try {
      return await verifyFiles(files, { trustedKey, checkAnchor: chain?.check, rpc }, options, io);
    } finally {
      chain?.close();
    }
  },
};

/** Verifies each file and writes its verdict; 1 when any failed. */
async function verifyFiles(files: string[], verify: VerifyOptions & { rpc?: string }, options: Options, io: Io): Promise<number> {
  const { trustedKey, checkAnchor } = verify;
  let failed = 0;
  for (const file of files) {
    const bar = io.interactive && !options.json ? new SingleBar({ format: `${file} {bar} {percentage}% | {value}/{total} leaves`, stream: io.err, hideCursor: true }) : null;
    let started = false;
    let lastTenth = -1;
    const report = await verifyContestLog(createInterface({ input: createReadStream(file), crlfDelay: Infinity }), {
      trustedKey,
      checkAnchor,
      onProgress: (done, total) => {
        if (bar) {
          if (!started) bar.start(Math.max(total, 1), 0);
          started = true;
          bar.update(done);
          return;
        }
        const tenth = Math.floor((done * 10) / Math.max(total, 1));
        if (tenth !== lastTenth && !options.json) io.err.write(`[${'#'.repeat(tenth)}${'.'.repeat(Math.max(0, 10 - tenth))}] ${done}/${total} leaves\n`);
        lastTenth = tenth;
      },
    });
    bar?.stop();
    if (!report.ok) failed++;
    io.out.write(options.json ? `${JSON.stringify({ file, ...report })}\n` : describe(file, report, verify.rpc));
  }
  return failed === 0 ? 0 : 1;
}

export const verifyReceiptCommand = {
  name: 'verify:receipt',
  standalone: true as const,
  arguments: '<file>',
  minArgs: 1,
  description: 'Verifies a vote receipt (GET /api/votes/{voteId}/receipt) offline: leaf hash, inclusion proof, head signature.',
  options: { key: { type: 'string' as const, description: "the tenant's log key (base64 raw Ed25519); default: the receipt's" } },
  // eslint-disable-next-line @typescript-eslint/require-await -- the CLI awaits every command
  async run({ args, options, io }: { args: string[]; options: Options; io: Io }): Promise<number> {
    let receipt: unknown;
    try {
      receipt = JSON.parse(readFileSync(args[0], 'utf8'));
    } catch (error) {
      io.err.write(`Cannot read a receipt from ${args[0]}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const shape = receiptShapeProblems(receipt);
    if (shape.length > 0) {
      io.err.write(`Not a vote receipt: ${shape.map((p) => `${p.field} ${p.message}`).join('; ')}\n`);
      return 2;
    }
    const r = receipt as VoteReceipt;
    const verdict = verifyReceipt(r, typeof options.key === 'string' ? Buffer.from(options.key, 'base64') : undefined);
    if (options.json) io.out.write(`${JSON.stringify(verdict)}\n`);
    else {
      io.out.write(`${verdict.valid ? 'VALID' : 'INVALID'}: vote ${r.voteId} is leaf ${r.leafIndex} of event ${r.contestId}, head of size ${r.treeHead.treeSize} signed by key ${r.treeHead.keyId}\n`);
      for (const problem of verdict.problems) io.out.write(`  - ${problem}\n`);
    }
    return verdict.valid ? 0 : 1;
  },
};

function describe(file: string, report: ContestVerification, rpc: string | undefined): string {
  // Anchors whose transactions were not read on a chain are not called verified.
  const unchecked = report.anchors > 0 && !report.chain.checked;
  const verdict = report.ok ? (unchecked ? 'VERIFIED (the log only; anchors NOT checked on the chain)' : 'VERIFIED') : 'FAILED';
  const lines = [
    `${verdict}: ${file} (event ${report.contestId ?? '?'} of tenant ${report.tenantId ?? '?'})`,
    `  leaves ${report.leaves}; signed heads recomputed and verified ${report.headsVerified}/${report.heads}; anchors matching a head ${report.anchorsMatched}/${report.anchors}`,
    `  ${chainLine(report, rpc)}`,
    `  tally recomputed from the log ${report.tally.matches ? 'equals' : 'DIFFERS FROM'} the published one: ${JSON.stringify(report.tally.recomputed)}`,
  ];
  for (const vote of report.tamperedVotes) lines.push(`  TAMPERED vote ${vote.voteId} (leaf ${vote.leafIndex}): ${vote.reason}`);
  for (const problem of report.problems) lines.push(`  - ${problem}`);
  return `${lines.join('\n')}\n`;
}

function chainLine(report: ContestVerification, rpc: string | undefined): string {
  if (report.anchors === 0) return 'anchors on a chain: none in the export';
  if (!report.chain.checked) return `anchors on the chain: SKIPPED, not verified (no --rpc): ${report.anchors} anchor(s) matched to heads by digest only`;
  const each = report.chain.anchors.map((a) =>
    a.ok
      ? `    anchor ${a.anchorId} (head of size ${a.treeSize}): confirmed, transaction ${a.txHash} in block ${a.blockNumber} ${a.blockHash}, ${a.confirmations} confirmations (status, sender, contract, data, Anchored event, canonical block)`
      : `    anchor ${a.anchorId} (head of size ${a.treeSize}): ${a.state.toUpperCase()}, transaction ${a.txHash}: ${a.problems.join('; ')}`,
  );
  return [`anchors on the chain (read through ${rpc ?? 'the RPC node'}): ${report.chain.confirmed}/${report.anchors} confirmed`, ...each].join('\n');
}
