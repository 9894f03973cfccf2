// The only import surface of the subscriptions context.
export * from './subscriptions.errors';
export { SubscriptionsModule } from './subscriptions.module';
export { subscriptionsSchema } from './subscriptions.schema';
export { loadSubscriptionsConfig, SUBSCRIPTIONS_CONFIG } from './subscriptions.config';
export type { SubscriptionsConfig } from './subscriptions.config';
export type { PlanEvent, PlanTerms, OveragePolicy } from './domain/plan.events';
export type { SubscriptionEvent, SubscribedPlan } from './domain/subscription.events';
export { PLAN_EVENT_TYPES } from './domain/plan.events';
export { SUBSCRIPTION_EVENT_TYPES } from './domain/subscription.events';
export { planStream, subscriptionStream, subscriberStream } from './domain/subscriptions.streams';
export { localDay, nextLocalMidnight, startOfLocalDay } from './domain/local-day';
export { QuotaResets } from './jobs/quota-resets';
export type { QuotaResetRun } from './jobs/quota-resets';
export { Dunning } from './jobs/dunning';
export { QuotaUtilisation } from './queries/utilisation/quota-utilisation';
export type { PlanUtilisation } from './queries/utilisation/quota-utilisation';
export type { DunningRun } from './jobs/dunning';
