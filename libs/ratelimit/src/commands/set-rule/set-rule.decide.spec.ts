import { RateLimitRule } from '../../domain/rate-limit-rule';
import { rulesDecider, RulesState } from '../../domain/rules.state';
import { RateLimitError } from '../../ratelimit.errors';
import { SetRuleInput } from './set-rule.command';
import { decideSetRule } from './set-rule.decide';

const NOW = new Date('2026-03-01T12:00:00Z');
const ORGANIZER = { platformAdmin: false };
const input: SetRuleInput = { level: 'tenant', name: 'votes-per-minute', scope: 'user', method: 'POST', route: '/api/votes', limit: 10, windowSeconds: 60, enabled: true };

function given(...rules: RateLimitRule[]): RulesState {
  return rules.reduce((state, rule) => rulesDecider.evolve(state, { type: 'RateLimitRuleSet', data: { rule, level: 'tenant', at: NOW.toISOString() } }), rulesDecider.initialState());
}

function refusal(run: () => unknown): RateLimitError {
  try {
    run();
  } catch (error) {
    if (error instanceof RateLimitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decideSetRule', () => {
  it('creates a rule under the new id', () => {
    const [event] = decideSetRule(input, ORGANIZER, 'rule-1', given(), NOW);
    expect(event).toEqual({ type: 'RateLimitRuleSet', data: { level: 'tenant', at: NOW.toISOString(), rule: { ruleId: 'rule-1', name: 'votes-per-minute', scope: 'user', method: 'POST', route: '/api/votes', limit: 10, windowSeconds: 60, enabled: true } } });
  });

  it('changes an existing rule and appends nothing when it already stands so', () => {
    const [created] = decideSetRule(input, ORGANIZER, 'rule-1', given(), NOW);
    const state = given(created.data.rule);
    expect(decideSetRule({ ...input, ruleId: 'rule-1' }, ORGANIZER, 'unused', state, NOW)).toEqual([]);
    const [changed] = decideSetRule({ ...input, ruleId: 'rule-1', limit: 3 }, ORGANIZER, 'unused', state, NOW);
    expect(changed.data.rule).toMatchObject({ ruleId: 'rule-1', limit: 3 });
  });

  it('refuses a rule id this owner does not have', () => {
    expect(refusal(() => decideSetRule({ ...input, ruleId: 'elsewhere' }, ORGANIZER, 'x', given(), NOW)).code).toBe('RATELIMIT.RULE_NOT_FOUND');
  });

  it('takes a create for a name the owner already has as a change of that rule (a retried create appends nothing)', () => {
    const [created] = decideSetRule(input, ORGANIZER, 'rule-1', given(), NOW);
    expect(decideSetRule(input, ORGANIZER, 'rule-2', given(created.data.rule), NOW)).toEqual([]);
    expect(decideSetRule({ ...input, limit: 5 }, ORGANIZER, 'rule-2', given(created.data.rule), NOW)[0].data.rule).toMatchObject({ ruleId: 'rule-1', limit: 5 });
  });

  it('refuses platform rules to anyone but a platform admin', () => {
    expect(refusal(() => decideSetRule({ ...input, level: 'platform' }, ORGANIZER, 'r', given(), NOW)).code).toBe('RATELIMIT.NOT_ALLOWED');
    expect(decideSetRule({ ...input, level: 'platform' }, { platformAdmin: true }, 'r', given(), NOW)).toHaveLength(1);
  });

  it('refuses renaming a rule to the name of another', () => {
    const [first] = decideSetRule(input, ORGANIZER, 'rule-1', given(), NOW);
    const [second] = decideSetRule({ ...input, name: 'other' }, ORGANIZER, 'rule-2', given(first.data.rule), NOW);
    const error = refusal(() => decideSetRule({ ...input, ruleId: 'rule-2' }, ORGANIZER, 'x', given(first.data.rule, second.data.rule), NOW));
    expect(error.code).toBe('RATELIMIT.INVALID_RULE');
    expect(error.details.errors).toEqual([{ field: 'name', message: 'another rule of this level is named "votes-per-minute"' }]);
  });

  it.each([
    ['name', { name: 'Votes Per Minute' }],
    ['name', { name: 'a"b' }],
    ['route', { route: 'api/votes' }],
    ['route', { route: '/api/votes?x=1' }],
  ])('names the bad field %s', (field, change) => {
    expect(refusal(() => decideSetRule({ ...input, ...change }, ORGANIZER, 'r', given(), NOW)).details.errors).toEqual([expect.objectContaining({ field })]);
  });
});
