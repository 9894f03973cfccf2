import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@tally/platform';
import { BucketLimiter } from '../../engine/bucket-limiter';
import { bucketKey, callerOf } from '../../engine/bucket-keys';
import { resetSeconds } from '../../engine/rate-limit-headers';
import { RuleBook } from '../../engine/rule-book';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../../ratelimit.config';
import { RateLimitStatusResponse } from './status.response.dto';

/**
 * The caller's buckets: every rule in force in the tenant that counts this caller, as it
 * stands (looked at, not counted). An `endpoint` rule shows only when it names one route:
 * a wildcard one has a bucket per route.
 */
@Injectable()
export class StatusReader {
  constructor(
    private readonly book: RuleBook,
    private readonly limiter: BucketLimiter,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
  ) {}

  async of(ctx: RequestContext): Promise<RateLimitStatusResponse> {
    const caller = callerOf(ctx, this.config.ipv6PrefixLength);
    const counted = this.book.rulesOf(caller.tenantId).flatMap((rule) => {
      if (rule.scope === 'endpoint' && (rule.method === '*' || rule.route === '*' || rule.route.endsWith('/*'))) return [];
      const key = bucketKey(rule, caller, `${rule.method} ${rule.route}`);
      return key === null ? [] : [{ rule, key }];
    });
    const states = await Promise.all(counted.map(({ rule, key }) => this.limiter.peek(rule, key)));
    const block = this.book.blockOf(ctx.clientIp);
    return {
      enabled: this.config.enabled,
      clientKey: caller.ipKey,
      blockedUntil: block ? block.until.toISOString() : null,
      buckets: counted.map(({ rule }, i) => ({
        rule: rule.name,
        level: rule.level,
        scope: rule.scope,
        method: rule.method,
        route: rule.route,
        limit: rule.limit,
        remaining: states[i].remaining,
        resetSeconds: resetSeconds(states[i]),
        windowSeconds: rule.windowSeconds,
      })),
    };
  }
}
