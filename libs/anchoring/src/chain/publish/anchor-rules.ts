import type { ContestStatus } from '@tally/voting';
import type { AnchorInspection } from '../anchor-chain.port';
import type { AnchorFailure, AnchorRow, AnchorTrigger } from './blockchain-anchors';

// The anchoring rules with no I/O: which status changes are anchored, and what a read-back that is not confirmed means.

/** The status changes that end a phase of a contest, and so are anchored. */
export function endTriggerOf(to: ContestStatus): AnchorTrigger | null {
  switch (to) {
    case 'closed':
      return 'contest-closed';
    case 'finalized':
      return 'contest-finalized';
    case 'cancelled':
      return 'contest-cancelled';
    case 'draft':
    case 'scheduled':
    case 'open':
      return null;
  }
}

/** What a failed read-back is counted as: a transaction that had been mined and is gone was reorganised away. */
export function failureOf(inspection: AnchorInspection, anchor: AnchorRow): { reason: AnchorFailure; detail: string } | null {
  switch (inspection.state) {
    case 'missing':
      return anchor.blockHash !== null ? { reason: 'reorged', detail: `transaction ${anchor.txHash} left the chain (it was in block ${anchor.blockNumber} ${anchor.blockHash})` } : { reason: 'dropped', detail: `transaction ${anchor.txHash} is unknown to the node` };
    case 'reorged':
      return { reason: 'reorged', detail: `block ${inspection.blockNumber} ${inspection.blockHash} is no longer canonical` };
    case 'reverted':
      return { reason: 'reverted', detail: `transaction ${anchor.txHash} reverted in block ${inspection.blockNumber}` };
    case 'mismatch':
      return { reason: 'mismatch', detail: inspection.problems.join('; ') };
    case 'pending':
    case 'mined':
    case 'confirmed':
      return null;
  }
}

