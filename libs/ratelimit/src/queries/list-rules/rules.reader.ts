import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { RateLimitRuleResponse } from './rate-limit-rule.response.dto';

/** The rules in force in a tenant, disabled ones included, from `rate_limit_rules`. */
@Injectable()
export class RulesReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(tenantId: string): Promise<RateLimitRuleResponse[]> {
    const { rows } = await this.pool.query<{
      rule_id: string;
      level: RateLimitRuleResponse['level'];
      tenant_id: string | null;
      name: string;
      scope: RateLimitRuleResponse['scope'];
      method: RateLimitRuleResponse['method'];
      route: string;
      limit: number;
      window_seconds: number;
      enabled: boolean;
    }>(
      `select rule_id, level, tenant_id, name, scope, method, route, "limit", window_seconds, enabled from rate_limit_rules
        where tenant_id is null or tenant_id = $1 order by tenant_id nulls first, name`,
      [tenantId],
    );
    return rows.map((row) => ({
      ruleId: row.rule_id,
      level: row.level,
      tenantId: row.tenant_id,
      name: row.name,
      scope: row.scope,
      method: row.method,
      route: row.route,
      limit: row.limit,
      windowSeconds: row.window_seconds,
      enabled: row.enabled,
    }));
  }
}
