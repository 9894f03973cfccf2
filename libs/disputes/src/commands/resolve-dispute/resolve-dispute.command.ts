import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { DisputeEffect, DisputeEffectType, DisputeResolution } from '../../domain/dispute.events';
import type { EffectOutcome } from '../../effects/dispute-effects';

/** The effect as asked for: `void_vote` voids the case's own vote, so it names none. */
export interface EffectRequest {
  type: DisputeEffectType;
  /** For refund_credits and reverse_grant. */
  credits?: number;
}

export interface ResolveDisputeInput {
  caseId: string;
  resolution: DisputeResolution;
  effect: EffectRequest;
}

export interface ResolveDisputeResult {
  caseId: string;
  status: 'resolved';
  resolution: DisputeResolution;
  effect: DisputeEffect;
  /** What the effect did on the voter's ledger. */
  outcome: EffectOutcome;
  resolvedAt: string;
}

/** Staff close a case with its resolution; an upheld case's effect runs through voting's commands, once. */
export class ResolveDisputeCommand extends TallyCommand<ResolveDisputeResult> {
  constructor(
    readonly input: ResolveDisputeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
