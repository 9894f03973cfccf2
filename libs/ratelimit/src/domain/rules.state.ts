import { StreamDecider } from '@tally/eventstore';
import { RateLimitRule } from './rate-limit-rule';
import { RateLimitEvent } from './ratelimit.events';

/** The rules of one owner (the platform or a tenant), by id. */
export interface RulesState {
  rules: ReadonlyMap<string, RateLimitRule>;
}

export const rulesDecider: StreamDecider<RulesState, RateLimitEvent> = {
  aggregate: 'ratelimit-rules',
  initialState: () => ({ rules: new Map() }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RateLimitRuleSet':
        return { rules: new Map(state.rules).set(event.data.rule.ruleId, event.data.rule) };
      case 'ClientBlocked':
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
