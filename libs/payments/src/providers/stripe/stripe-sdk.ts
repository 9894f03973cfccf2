import type Stripe from 'stripe';

/** The Stripe SDK's constructor, with its statics (`webhooks`, `errors`). */
export type StripeSdk = typeof Stripe;

let loaded: StripeSdk | undefined;

/**
 * The Stripe SDK, loaded at its first use (a Stripe payment, refund or subscription, a
 * Stripe-signed webhook to check) instead of at start: requiring it costs a process ~0.1–0.3 s of
 * CPU, which every process and every app-booting test file paid whether or not it ever used
 * Stripe. A plain require, not `import()`, because webhook signatures are checked synchronously
 * (stripe-signature.ts); the types come from `import type` above.
 */
export function stripeSdk(): StripeSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load that must stay synchronous, see above
  loaded ??= require('stripe') as StripeSdk;
  return loaded;
}
