import { StreamDecider } from '@tally/eventstore';
import { DisputeEffect, DisputeEvent, DisputeKind, DisputeOpener, DisputeResolution, DisputeStatus } from './dispute.events';

export interface DisputeState {
  status: DisputeStatus | 'none';
  caseId: string | null;
  kind: DisputeKind | null;
  userId: string | null;
  voteId: string | null;
  paymentId: string | null;
  reason: string | null;
  openedBy: DisputeOpener | null;
  resolution: DisputeResolution | null;
  effect: DisputeEffect | null;
  operationId: string | null;
}

export const initialDisputeState = (): DisputeState => ({
  status: 'none',
  caseId: null,
  kind: null,
  userId: null,
  voteId: null,
  paymentId: null,
  reason: null,
  openedBy: null,
  resolution: null,
  effect: null,
  operationId: null,
});

export function evolveDispute(state: DisputeState, event: DisputeEvent): DisputeState {
  switch (event.type) {
    case 'DisputeCaseOpened': {
      const { caseId, kind, userId, voteId, paymentId, reason, openedBy } = event.data;
      return { ...state, status: 'open', caseId, kind, userId, voteId, paymentId, reason, openedBy };
    }
    case 'DisputeCaseInvestigated':
      return { ...state, status: 'investigating' };
    case 'DisputeCaseResolved':
      return { ...state, status: 'resolved', resolution: event.data.resolution, effect: event.data.effect, operationId: event.data.operationId };
    case 'DisputeCaseWithdrawn':
      return { ...state, status: 'withdrawn' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const disputeDecider: StreamDecider<DisputeState, DisputeEvent> = {
  aggregate: 'dispute',
  initialState: initialDisputeState,
  evolve: evolveDispute,
};

/** A case still being worked on: it can be investigated, resolved or withdrawn. */
export const isPending = (state: DisputeState): boolean => state.status === 'open' || state.status === 'investigating';
