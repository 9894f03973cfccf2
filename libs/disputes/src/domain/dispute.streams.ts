import { streamName } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { DISPUTE_CATEGORY } from './dispute.events';

export const disputeStream = (tenantId: string, caseId: string): string => streamName(DISPUTE_CATEGORY, tenantId, caseId);

/** Namespace of the ids derived here, so a retried request or a redelivered webhook lands on the same case or effect. */
const DISPUTE_IDS = 'tally-disputes';

/** The case a provider dispute opens: one per provider dispute, however often the webhook comes. */
export const providerCaseId = (tenantId: string, providerDisputeId: string): string => deterministicUuid(DISPUTE_IDS, 'provider', tenantId, providerDisputeId);

/** The case a request with an Idempotency-Key opens: the same caller and key give the same case. */
export const requestedCaseId = (tenantId: string, actorId: string, idempotencyKey: string): string => deterministicUuid(DISPUTE_IDS, 'request', tenantId, actorId, idempotencyKey);

/** The grant or revoke id of a case's effect: the voter's ledger applies an id once. */
export const effectOperationId = (caseId: string): string => deterministicUuid(DISPUTE_IDS, 'effect', caseId);
