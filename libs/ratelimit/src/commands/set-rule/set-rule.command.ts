import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { RateLimitRule, RuleLevel, RuleMethod, RuleScope } from '../../domain/rate-limit-rule';

export interface SetRuleInput {
  /** The rule to change; a new rule when absent. */
  ruleId?: string;
  /** `platform` (platform admins only) or the request's tenant. */
  level: RuleLevel;
  name: string;
  scope: RuleScope;
  method: RuleMethod;
  route: string;
  limit: number;
  windowSeconds: number;
  enabled: boolean;
}

export interface SetRuleResult {
  rule: RateLimitRule;
  level: RuleLevel;
  /** The tenant the rule belongs to; null for a platform rule. */
  tenantId: string | null;
  /** false when the rule already stood exactly so (nothing appended). */
  changed: boolean;
}

export class SetRuleCommand extends TallyCommand<SetRuleResult> {
  constructor(
    readonly input: SetRuleInput,
    /** Platform rules are the platform admins'. */
    readonly caller: { platformAdmin: boolean },
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
