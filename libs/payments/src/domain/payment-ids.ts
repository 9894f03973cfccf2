/**
 * The namespace of the ids payments derives with the platform's `deterministicUuid` (checkout
 * and refund ids from idempotency keys, event ids from provider facts), so a retry lands on the
 * id it had the first time. These ids were once minted by voting's `creditOperationId`; the
 * value is the prefix it hashed, so ids already stored come out the same.
 */
export const PAYMENT_IDS = 'tally-credits';
