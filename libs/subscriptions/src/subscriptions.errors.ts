import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal of the subscriptions context, with its problem+json mapping. */
export const SUBSCRIPTIONS_PROBLEMS = {
  'SUBSCRIPTIONS.PLAN_NOT_FOUND': { status: 404, slug: 'plan-not-found', title: 'No such pricing plan' },
  'SUBSCRIPTIONS.PLAN_RETIRED': { status: 409, slug: 'plan-retired', title: 'The pricing plan is retired' },
  'SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND': { status: 404, slug: 'subscription-not-found', title: 'No such subscription' },
  'SUBSCRIPTIONS.ALREADY_SUBSCRIBED': { status: 409, slug: 'already-subscribed', title: 'The user already has a live subscription' },
  'SUBSCRIPTIONS.NOT_CHANGEABLE': { status: 409, slug: 'subscription-not-changeable', title: 'The subscription cannot change in its current state' },
  'SUBSCRIPTIONS.TIME_ZONE_CHANGE_PENDING': { status: 409, slug: 'time-zone-change-pending', title: 'The last time zone change has not taken effect yet' },
  'SUBSCRIPTIONS.WRONG_DIRECTION': { status: 422, slug: 'plan-change-wrong-direction', title: 'The plan is not an upgrade (or not a downgrade) of the current one' },
  'SUBSCRIPTIONS.CURRENCY_MISMATCH': { status: 422, slug: 'plan-currency-mismatch', title: 'The plans are priced in different currencies' },
  'SUBSCRIPTIONS.NOT_ALLOWED': { status: 403, slug: 'forbidden', title: 'Not allowed' },
  'SUBSCRIPTIONS.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'SUBSCRIPTIONS.IDEMPOTENCY_KEY_REUSED': { status: 422, slug: 'idempotency-key-reused', title: 'The idempotency key was used with another request' },
  'SUBSCRIPTIONS.BILLING_NOT_CONFIGURED': { status: 503, slug: 'billing-not-configured', title: 'No billing provider is configured' },
  'SUBSCRIPTIONS.PROVIDER_ERROR': { status: 502, slug: 'payment-provider-error', title: 'The billing provider refused the request' },
  'SUBSCRIPTIONS.INVALID_SIGNATURE': { status: 400, slug: 'invalid-webhook-signature', title: 'The webhook signature is invalid' },
  'SUBSCRIPTIONS.RAW_BODY_MISSING': { status: 400, slug: 'malformed-body', title: 'The webhook body is empty' },
} as const;

export type SubscriptionsErrorCode = keyof typeof SUBSCRIPTIONS_PROBLEMS;

ProblemCatalog.register<SubscriptionsErrorCode>(SUBSCRIPTIONS_PROBLEMS);

export class SubscriptionsError extends DomainError<SubscriptionsErrorCode> {
  constructor(code: SubscriptionsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
