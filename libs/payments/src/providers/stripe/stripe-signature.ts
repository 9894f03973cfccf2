import type Stripe from 'stripe';
import { Secret } from '../../payments.config';
import { stripeSdk } from './stripe-sdk';

/** A delivery whose Stripe-scheme signature did not check out, with the reason to log. */
export class StripeSignatureRefused extends Error {}

/**
 * Checks a Stripe-scheme signature header (`t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">`) with
 * the official SDK against each secret in turn, and returns the event. The SDK refuses a
 * timestamp older than the tolerance but accepts any in the future, so a signed delivery
 * stamped ahead (a captured body replayed with a forged clock, or a badly skewed sender) is
 * refused here, with the same tolerance on both sides of `now`. Stripe's own provider and the
 * sandbox (which signs the same way) share this path.
 */
export function constructSignedStripeEvent(rawBody: Buffer, header: string, secrets: readonly Secret[], toleranceSeconds: number, now: Date): Stripe.Event {
  const signedAt = timestampOf(header);
  if (signedAt !== null && signedAt - Math.floor(now.getTime() / 1000) > toleranceSeconds) {
    throw new StripeSignatureRefused(`Timestamp outside the tolerance zone (${toleranceSeconds} s): signed in the future`);
  }
  let failure = 'No webhook secret matched';
  for (const secret of secrets) {
    try {
      return stripeSdk().webhooks.constructEvent(rawBody, header, secret.reveal(), toleranceSeconds, undefined, now.getTime());
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  throw new StripeSignatureRefused(failure);
}

/** The `t=` of a signature header, or null when there is none (the SDK then refuses the header). */
function timestampOf(header: string): number | null {
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2);
    if (key.trim() === 't' && value !== undefined && /^\d+$/.test(value.trim())) return Number(value.trim());
  }
  return null;
}
