import { Inject, Injectable, Logger, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { formatNetwork, IpNetwork, parseAddress, parseNetwork, truncate } from '../client-address/ip-network';
import { methodMatches, RateLimitRule, routeMatches, RuleLevel } from '../domain/rate-limit-rule';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';

/** A rule as the guard applies it, with its owner. */
export interface ActiveRule extends RateLimitRule {
  level: RuleLevel;
  /** null for a platform rule. */
  tenantId: string | null;
}

export interface ActiveBlock {
  blockId: string;
  network: string;
  until: Date;
  reason: string;
}

interface RuleRow {
  rule_id: string;
  tenant_id: string | null;
  level: RuleLevel;
  name: string;
  scope: ActiveRule['scope'];
  method: ActiveRule['method'];
  route: string;
  limit: number;
  window_seconds: number;
  enabled: boolean;
}

const NONE: readonly ActiveRule[] = Object.freeze([]);

/**
 * This process's copy of the enabled rules and active blocks, reloaded from their read models
 * every RATE_LIMIT_RULES_REFRESH_MS in the background: the request path reads memory only.
 * Which rules apply to a tenant's route is worked out once per (tenant, method, route) and
 * kept until the next reload, so a route with no rules costs one map lookup.
 */
@Injectable()
export class RuleBook implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RuleBook.name);
  private rules: readonly ActiveRule[] = NONE;
  private readonly applicable = new Map<string, readonly ActiveRule[]>();
  /** Blocked networks by family and prefix length, so a lookup costs one probe per length in use. */
  private blocks = new Map<string, ActiveBlock>();
  private blockPrefixes: { family: 4 | 6; prefix: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'Rate limit rules not loaded yet'));
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'Rate limit rules reload failed; keeping the last ones')), this.config.rulesRefreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Reloads rules and blocks now (the timer calls it; tests and the seeder may too). */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The enabled rules for a request: the platform's and its tenant's that name this method and route. */
  rulesFor(tenantId: string | null, method: string, route: string): readonly ActiveRule[] {
    const key = `${tenantId ?? ''} ${method} ${route}`;
    let found = this.applicable.get(key);
    if (!found) {
      const matching = this.rules.filter((rule) => (rule.tenantId === null || rule.tenantId === tenantId) && methodMatches(rule.method, method) && routeMatches(rule.route, route));
      found = matching.length === 0 ? NONE : matching;
      this.applicable.set(key, found);
    }
    return found;
  }

  /** Every enabled rule in force in a tenant (platform rules first). */
  rulesOf(tenantId: string | null): readonly ActiveRule[] {
    return this.rules.filter((rule) => rule.tenantId === null || rule.tenantId === tenantId);
  }

  /** The block covering this client address, if one is in force. */
  blockOf(ip: string | null): ActiveBlock | undefined {
    if (this.blocks.size === 0 || !ip) return undefined;
    const address = parseAddress(ip);
    if (!address) return undefined;
    const now = this.clock.now().getTime();
    for (const { family, prefix } of this.blockPrefixes) {
      if (family !== address.family) continue;
      const block = this.blocks.get(formatNetwork(truncate(address, prefix)));
      if (block && block.until.getTime() > now) return block;
    }
    return undefined;
  }

  private async load(): Promise<void> {
    const [rules, blocks] = await Promise.all([
      this.pool.query<RuleRow>(`select rule_id, tenant_id, level, name, scope, method, route, "limit", window_seconds, enabled from rate_limit_rules where enabled order by tenant_id nulls first, name`),
      this.pool.query<{ block_id: string; network: string; blocked_until: Date; reason: string }>(
        `select block_id, network, blocked_until, reason from rate_limit_blocks where blocked_until > $1 order by blocked_until`,
        [this.clock.now()],
      ),
    ]);
    this.rules = rules.rows.map((row) => ({
      ruleId: row.rule_id,
      tenantId: row.tenant_id,
      level: row.level,
      name: row.name,
      scope: row.scope,
      method: row.method,
      route: row.route,
      limit: row.limit,
      windowSeconds: row.window_seconds,
      enabled: row.enabled,
    }));
    this.applicable.clear();
    const byNetwork = new Map<string, ActiveBlock>();
    const prefixes = new Map<string, { family: 4 | 6; prefix: number }>();
    for (const row of blocks.rows) {
      const network: IpNetwork | null = parseNetwork(row.network);
      if (!network) continue;
      // Ordered by expiry: the longest block of a network wins.
      byNetwork.set(formatNetwork(network), { blockId: row.block_id, network: row.network, until: row.blocked_until, reason: row.reason });
      prefixes.set(`${network.family}/${network.prefix}`, { family: network.family, prefix: network.prefix });
    }
    this.blocks = byNetwork;
    this.blockPrefixes = [...prefixes.values()];
  }
}
