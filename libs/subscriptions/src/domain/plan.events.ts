import { DomainEvent } from '@tally/eventstore';

/** What happens when a subscriber's daily quota is spent: pay with credits (allow) or refuse (deny). */
export type OveragePolicy = 'allow' | 'deny';
export const OVERAGE_POLICIES: readonly OveragePolicy[] = ['allow', 'deny'];

/** Integer minor units and an ISO-4217 code. */
export interface PlanPrice {
  amount: number;
  currency: string;
}

/** A plan's terms, as organizers set them and subscriptions copy them. */
export interface PlanTerms {
  name: string;
  dailyQuota: number;
  monthlyCost: PlanPrice;
  overage: OveragePolicy;
  features: string[];
}

export type PlanCreated = DomainEvent<'PlanCreated', { planId: string } & PlanTerms & { at: string }>;
/** New terms; each update is a new version (the provider bills a version's price). */
export type PlanUpdated = DomainEvent<'PlanUpdated', { planId: string; version: number } & PlanTerms & { at: string }>;
/** No new subscriptions; existing ones keep their terms. */
export type PlanRetired = DomainEvent<'PlanRetired', { planId: string; at: string }>;

export type PlanEvent = PlanCreated | PlanUpdated | PlanRetired;
export const PLAN_EVENT_TYPES: readonly PlanEvent['type'][] = ['PlanCreated', 'PlanUpdated', 'PlanRetired'];
export const PLAN_CATEGORY = 'plan';
