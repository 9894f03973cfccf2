import { DomainEvent, streamName } from '@tally/eventstore';

export const GDPR_CATEGORY = 'gdpr';

/**
 * A subject's right-of-access request, answered with their data (the export itself is not
 * stored: it would be a second copy of the personal data). Erasures are identity's
 * SubjectErased; both are the GDPR requests the tenant's compliance report lists.
 */
export type SubjectAccessExported = DomainEvent<'SubjectAccessExported', { userId: string; requestedBy: 'subject' | 'staff'; at: string }>;

export type GdprEvent = SubjectAccessExported;

/** One stream per subject: their GDPR requests, in order. */
export const gdprStream = (tenantId: string, userId: string): string => streamName(GDPR_CATEGORY, tenantId, userId);
