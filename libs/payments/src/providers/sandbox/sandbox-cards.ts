import { createHash } from 'node:crypto';
import { PaymentsError } from '../../payments.errors';

/** What a sandbox payment attempt does, as Stripe's test cards do in test mode. */
export type SandboxOutcome = 'succeeded' | 'declined' | 'insufficient_funds' | 'requires_action';
export const SANDBOX_OUTCOMES: readonly SandboxOutcome[] = ['succeeded', 'declined', 'insufficient_funds', 'requires_action'];

/**
 * Stripe's own test card numbers, so a client written against Stripe's test mode behaves the
 * same here: 4242… and 4000 0566 5566 5556 (a debit card) pay, 4000 0000 0000 0002 is declined,
 * …9995 lacks funds, …3155 asks for authentication (3-D Secure) and pays when tried again.
 */
export const SANDBOX_TEST_CARDS: Readonly<Record<string, SandboxOutcome>> = {
  '4242424242424242': 'succeeded',
  '4000056655665556': 'succeeded',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient_funds',
  '4000002500003155': 'requires_action',
};

/**
 * The outcome a completion asks for: by name, by test card (spaces and dashes ignored), or
 * success when it names neither. Any other card is refused, as Stripe's test mode refuses a
 * real card number; a card and an outcome that disagree are refused too.
 */
export function sandboxOutcomeOf(request: { outcome?: SandboxOutcome; card?: string }): SandboxOutcome {
  if (request.card === undefined) return request.outcome ?? 'succeeded';
  const number = cardNumber(request.card);
  const byCard = SANDBOX_TEST_CARDS[number];
  if (!byCard) {
    throw new PaymentsError('PAYMENTS.SANDBOX_CARD_UNKNOWN', `The sandbox takes only test cards (${Object.keys(SANDBOX_TEST_CARDS).join(', ')})`, { field: 'card' });
  }
  if (request.outcome !== undefined && request.outcome !== byCard) {
    throw new PaymentsError('PAYMENTS.SANDBOX_CARD_UNKNOWN', `Test card ${number.slice(-4)} means ${byCard}, not ${request.outcome}`, { field: 'outcome' });
  }
  return byCard;
}

/** The card number without spaces and dashes, or null when none was named. */
export function sandboxCardOf(request: { card?: string }): string | null {
  return request.card === undefined ? null : cardNumber(request.card);
}

/**
 * The sandbox's card fingerprint: like Stripe's, the same for every payment with one card number
 * (within the platform) and telling nothing about the number; 16 characters, as Stripe's are.
 */
export function sandboxCardFingerprint(card: string): string {
  return createHash('sha256').update(`tally-sandbox-card:${card}`).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

function cardNumber(card: string): string {
  return card.replace(/[\s-]/g, '');
}
