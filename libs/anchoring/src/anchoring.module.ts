import { Module } from '@nestjs/common';
import './anchoring.errors';

/**
 * Verifiability (issue 16): a per-contest Merkle log (RFC 9162) of every change to the tally,
 * signed tree heads, vote receipts with inclusion proofs, ballot snapshots at close, and the
 * anchoring of tree heads on an EVM chain (chain/).
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class AnchoringModule {}
