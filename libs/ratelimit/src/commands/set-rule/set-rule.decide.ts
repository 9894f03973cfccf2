import { RateLimitRule, RULE_NAME, RULE_ROUTE } from '../../domain/rate-limit-rule';
import { RateLimitRuleSet } from '../../domain/ratelimit.events';
import { RulesState } from '../../domain/rules.state';
import { RateLimitError } from '../../ratelimit.errors';
import { SetRuleInput } from './set-rule.command';

/**
 * Creates or changes one rule of an owner, named by its id or else by its name (so a retried
 * create changes nothing). A rule id must name a rule of this owner (another owner's rule is as
 * unknown as a missing one), names are unique per owner, and setting a rule to what it already
 * is appends nothing. Platform rules are the platform admins'.
 */
export function decideSetRule(input: SetRuleInput, caller: { platformAdmin: boolean }, newRuleId: string, state: RulesState, now: Date): RateLimitRuleSet[] {
  if (input.level === 'platform' && !caller.platformAdmin) {
    throw new RateLimitError('RATELIMIT.NOT_ALLOWED', 'Only a platform admin sets platform rules; an organizer sets its own tenant\'s (level "tenant")');
  }
  if (!RULE_NAME.test(input.name)) throw invalid('name', 'lower-case letters, digits, dot, dash and underscore, 1-64 characters, starting with a letter or digit');
  if (!RULE_ROUTE.test(input.route)) throw invalid('route', '"*", a route such as /api/votes or /api/events/{eventId}/contestants, or a prefix ending in /*');
  if (input.ruleId !== undefined && !state.rules.has(input.ruleId)) {
    throw new RateLimitError('RATELIMIT.RULE_NOT_FOUND', 'No such rate limit rule at this level', { ruleId: input.ruleId });
  }
  const ruleId = input.ruleId ?? [...state.rules.values()].find((rule) => rule.name === input.name)?.ruleId ?? newRuleId;
  for (const other of state.rules.values()) {
    if (other.ruleId !== ruleId && other.name === input.name) throw invalid('name', `another rule of this level is named "${input.name}"`);
  }
  const rule: RateLimitRule = {
    ruleId,
    name: input.name,
    scope: input.scope,
    method: input.method,
    route: input.route,
    limit: input.limit,
    windowSeconds: input.windowSeconds,
    enabled: input.enabled,
  };
  const current = state.rules.get(ruleId);
  if (current && sameRule(current, rule)) return [];
  return [{ type: 'RateLimitRuleSet', data: { rule, level: input.level, at: now.toISOString() } }];
}

function sameRule(a: RateLimitRule, b: RateLimitRule): boolean {
  return (Object.keys(a) as (keyof RateLimitRule)[]).every((key) => a[key] === b[key]);
}

function invalid(field: string, message: string): RateLimitError {
  return new RateLimitError('RATELIMIT.INVALID_RULE', `${field}: ${message}`, { errors: [{ field, message }] });
}
