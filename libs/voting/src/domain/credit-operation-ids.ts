/**
 * The namespace of the ids of credit grants and revokes derived from their cause with the
 * platform's `deterministicUuid(CREDIT_OPERATIONS, 'payment', paymentId)`: the same cause always
 * gives the same id, so a grant retried by a webhook redelivery or a reactor restart is applied
 * once. The value is the prefix the former `creditOperationId` hashed, so stored ids still match.
 */
export const CREDIT_OPERATIONS = 'tally-credits';
