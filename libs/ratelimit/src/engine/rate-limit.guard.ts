import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, WithRequestContext } from '@tally/platform';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';
import { RateLimitError } from '../ratelimit.errors';
import { AttemptRecorder } from './attempt-recorder';
import { BucketLimiter } from './bucket-limiter';
import { BucketState } from './bucket-state';
import { bucketKey, Caller, callerOf, documentedRoute } from './bucket-keys';
import { CheckedBucket, rateLimitHeaders, resetSeconds } from './rate-limit-headers';
import { ActiveRule, RuleBook } from './rule-book';

/**
 * The global rate-limit guard (APP_GUARD, registered after identity's auth guard so that it
 * knows the actor). A request from a blocked network is refused outright; otherwise every
 * enabled rule naming its method and route (the platform's and its tenant's) counts it — from
 * this process's leases, else all buckets together in one pipelined Redis round trip — and the
 * answer carries RateLimit-Policy and RateLimit. Any bucket over its limit refuses it: 429 `rate-limited` naming the rule, with
 * Retry-After, and the refusal is recorded off the request path. A route without rules costs a
 * map lookup. RATE_LIMITS_ENABLED=false makes it a no-op.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly book: RuleBook,
    private readonly limiter: BucketLimiter,
    private readonly recorder: AttemptRecorder,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Synchronous when every bucket is served from a lease (no promise for the request to wait on); a Promise when one is counted in Redis. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (!this.config.enabled || context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & WithRequestContext>();
    const caller = callerOf(request.tallyContext, this.config.ipv6PrefixLength);
    const route = documentedRoute(request.routeOptions.url);
    const endpoint = `${request.method} ${route}`;
    const block = this.book.blockOf(request.tallyContext?.clientIp ?? null);
    if (block) {
      this.refused(caller, endpoint, null, `block:${block.network}`);
      const seconds = Math.max(1, Math.ceil((block.until.getTime() - this.clock.now().getTime()) / 1000));
      throw new RateLimitError('RATELIMIT.CLIENT_BLOCKED', `Requests from ${block.network} are refused until ${block.until.toISOString()}`, { network: block.network, retryAfterSeconds: seconds });
    }
    const rules = this.book.rulesFor(caller.tenantId, request.method, route);
    if (rules.length === 0) return true;
    const counted = rules.flatMap((rule) => {
      const key = bucketKey(rule, caller, endpoint);
      return key === null ? [] : [{ rule, key }];
    });
    if (counted.length === 0) return true;
    const answers = counted.map(({ rule, key }) => this.limiter.consume(rule, key));
    const reply = http.getResponse<FastifyReply>();
    if (answers.every((answer): answer is BucketState => !(answer instanceof Promise))) return this.decide(reply, caller, endpoint, counted, answers);
    return Promise.all(answers.map((answer) => Promise.resolve(answer))).then((states) => this.decide(reply, caller, endpoint, counted, states));
  }

  /** Sets the RateLimit headers and lets the request through, or refuses it naming the bucket that resets last. */
  private decide(reply: FastifyReply, caller: Caller, endpoint: string, counted: readonly { rule: ActiveRule }[], states: readonly BucketState[]): boolean {
    const checked: CheckedBucket[] = counted.map(({ rule }, i) => ({ name: rule.name, windowSeconds: rule.windowSeconds, state: states[i] }));
    const headers = rateLimitHeaders(checked);
    void reply.header('RateLimit-Policy', headers.policy).header('RateLimit', headers.limit);
    let refusing: number | undefined;
    for (let i = 0; i < states.length; i++) {
      if (!states[i].allowed && (refusing === undefined || states[i].resetMs > states[refusing].resetMs)) refusing = i;
    }
    if (refusing === undefined) return true;
    const { rule } = counted[refusing];
    this.refused(caller, endpoint, rule.ruleId, rule.name);
    throw new RateLimitError('RATELIMIT.RATE_LIMITED', `Rate limit "${rule.name}" reached: ${rule.limit} requests per ${rule.windowSeconds} s`, {
      rule: rule.name,
      retryAfterSeconds: resetSeconds(states[refusing]),
    });
  }

  private refused(caller: Caller, endpoint: string, ruleId: string | null, ruleName: string): void {
    this.recorder.record({ tenantId: caller.tenantId, userId: caller.userId, ipAddress: caller.ipKey, endpoint, ruleId, ruleName, at: this.clock.now() });
  }
}
