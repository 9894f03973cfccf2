import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { RateLimitEvent } from '../../domain/ratelimit.events';

/**
 * `rate_limit_rules` and `rate_limit_blocks` from the ratelimit streams. Each API process reads
 * these tables into its RuleBook every RATE_LIMIT_RULES_REFRESH_MS, which is how a change
 * reaches every process without a restart.
 */
@RegisteredProjection()
export class RateLimitProjection implements Projection {
  readonly name = 'ratelimit-rules';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['ratelimit-'], eventTypes: ['RateLimitRuleSet', 'ClientBlocked'] };
  readonly tables = ['rate_limit_rules', 'rate_limit_blocks'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as RateLimitEvent;
      switch (event.type) {
        case 'RateLimitRuleSet': {
          const { rule, level, at } = event.data;
          await em.execute(
            `insert into rate_limit_rules (rule_id, tenant_id, level, name, scope, method, route, endpoint, "limit", window_seconds, enabled, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             on conflict (rule_id) do update set name = excluded.name, scope = excluded.scope, method = excluded.method, route = excluded.route,
               endpoint = excluded.endpoint, "limit" = excluded."limit", window_seconds = excluded.window_seconds, enabled = excluded.enabled, updated_at = excluded.updated_at`,
            [rule.ruleId, level === 'platform' ? null : recorded.metadata.tenantId, level, rule.name, rule.scope, rule.method, rule.route, `${rule.method} ${rule.route}`, rule.limit, rule.windowSeconds, rule.enabled, at],
          );
          break;
        }
        case 'ClientBlocked': {
          const d = event.data;
          await em.execute(
            `insert into rate_limit_blocks (block_id, network, reason, source, blocked_until, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?)
             on conflict (block_id) do nothing`,
            [d.blockId, d.network, d.reason, d.source, d.until, d.at, recorded.metadata.actorId],
          );
          break;
        }
        default: {
          const unknown: never = event;
          throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
        }
      }
    }
  }
}
