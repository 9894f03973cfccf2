import { StreamDecider, streamName } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { FRAUD_CASE_CATEGORY, FraudCaseEvent, PatternType } from './suspicious-pattern.events';

/** A finding's stream holds its one event; appending it again (a detection run repeated) is nothing to do. */
export interface FindingState {
  recorded: boolean;
}

export const findingDecider: StreamDecider<FindingState, FraudCaseEvent> = {
  aggregate: 'fraud-finding',
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
};

/** The same votes found the same way make the same finding, however often detection runs. */
export function findingId(tenantId: string, patternType: PatternType, voteIds: readonly string[]): string {
  return deterministicUuid('fraud-finding', tenantId, patternType, ...[...voteIds].sort());
}

export const findingStream = (tenantId: string, id: string): string => streamName(FRAUD_CASE_CATEGORY, tenantId, id);
