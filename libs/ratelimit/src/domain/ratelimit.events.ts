import { DomainEvent } from '@tally/eventstore';
import { RateLimitRule, RuleLevel } from './rate-limit-rule';

/** A rule created or changed (the whole rule as it now stands, so a replay needs no earlier event). */
export type RateLimitRuleSet = DomainEvent<'RateLimitRuleSet', { rule: RateLimitRule; level: RuleLevel; at: string }>;

/** A client address or network refused everything until `until` (shared with the edge, see README "Edge"). */
export type ClientBlocked = DomainEvent<
  'ClientBlocked',
  { blockId: string; network: string; reason: string; source: 'admin' | 'edge'; until: string; at: string }
>;

export type RateLimitEvent = RateLimitRuleSet | ClientBlocked;
export type RateLimitEventType = RateLimitEvent['type'];
export const RATE_LIMIT_EVENT_TYPES: readonly RateLimitEventType[] = ['RateLimitRuleSet', 'ClientBlocked'];

export const RATE_LIMIT_CATEGORY = 'ratelimit';
