import { Global, Module } from '@nestjs/common';
import { VOTE_RECEIPT_VERIFIER } from '@tally/voting';
import './anchoring.errors';
import { AnchoringChainModule } from './chain/anchoring-chain.module';
import { ContestExporter } from './export/contest-exporter';
import { TenantKeys } from './keys/tenant-keys';
import { MerkleLogProjection } from './log/merkle-log.projection';
import { LogProofs } from './receipts/log-proofs';
import { ReceiptVerifier } from './receipts/receipt-verifier';
import { ReceiptsHttpController } from './receipts/receipts.http.controller';
import { BallotSnapshots } from './snapshots/ballot-snapshots';
import { TREE_HEADS } from './tree-heads/signed-tree-head';
import { TreeHeadStore } from './tree-heads/tree-head-store';
import { TreeHeadsHttpController } from './tree-heads/tree-heads.http.controller';

import { ANCHORED_RECEIPTS, AnchoredReceiptsReader } from './queries/anchored-receipts.reader';
import { CONTEST_ANCHORS, ContestAnchorsReader } from './queries/contest-anchors.reader';
/**
 * Verifiability (issue 16): a per-contest Merkle log (RFC 9162) of every change to the tally,
 * signed tree heads, vote receipts with inclusion proofs, ballot snapshots at close, and the
 * anchoring of tree heads on an EVM chain (chain/). Global so that voting's POST /api/votes/verify
 * finds the receipt verifier (VOTE_RECEIPT_VERIFIER) without importing this context.
 */
@Global()
@Module({
  imports: [AnchoringChainModule],
  controllers: [ReceiptsHttpController, TreeHeadsHttpController],
  providers: [TenantKeys, TreeHeadStore, { provide: TREE_HEADS, useExisting: TreeHeadStore }, BallotSnapshots, LogProofs, MerkleLogProjection, ReceiptVerifier, { provide: VOTE_RECEIPT_VERIFIER, useExisting: ReceiptVerifier }, ContestExporter, { provide: CONTEST_ANCHORS, useClass: ContestAnchorsReader }, { provide: ANCHORED_RECEIPTS, useClass: AnchoredReceiptsReader }],
  exports: [TREE_HEADS, TreeHeadStore, LogProofs, TenantKeys, VOTE_RECEIPT_VERIFIER, ContestExporter, CONTEST_ANCHORS, ANCHORED_RECEIPTS],
})
export class AnchoringModule {}
