import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ENV, Env } from '@tally/platform';
import { BlockClientHandler } from './commands/block-client/block-client.handler';
import { BlockClientHttpController } from './commands/block-client/block-client.http.controller';
import { SetRuleHandler } from './commands/set-rule/set-rule.handler';
import { SetRuleHttpController } from './commands/set-rule/set-rule.http.controller';
import { AttemptRecorder } from './engine/attempt-recorder';
import { BucketLimiter } from './engine/bucket-limiter';
import { DefaultRulesSeeder } from './engine/default-rules.seeder';
import { RateLimitGuard } from './engine/rate-limit.guard';
import { RuleBook } from './engine/rule-book';
import { PruneAttemptsJob } from './jobs/prune-attempts.job';
import { RateLimitProjection } from './projections/rules/ratelimit.projection';
import { GetStatusHttpController } from './queries/get-status/get-status.http.controller';
import { StatusReader } from './queries/get-status/status.reader';
import { AttemptsReader } from './queries/list-attempts/attempts.reader';
import { ListAttemptsHttpController } from './queries/list-attempts/list-attempts.http.controller';
import { BlocksReader } from './queries/list-blocks/blocks.reader';
import { ListBlocksHttpController } from './queries/list-blocks/list-blocks.http.controller';
import { ListRulesHttpController } from './queries/list-rules/list-rules.http.controller';
import { RulesReader } from './queries/list-rules/rules.reader';
import { loadRateLimitConfig, RATE_LIMIT_CONFIG } from './ratelimit.config';
import './ratelimit.errors';

/**
 * Rate limiting: rules and blocks (event-sourced, projected to rate_limit_rules and
 * rate_limit_blocks), the global guard that applies them, and the refusal log. Import it after
 * IdentityModule: global guards run in the order their modules register them, and this one
 * needs the actor the auth guard finds.
 */
@Module({
  imports: [CqrsModule],
  controllers: [SetRuleHttpController, ListRulesHttpController, BlockClientHttpController, ListBlocksHttpController, GetStatusHttpController, ListAttemptsHttpController],
  providers: [
    { provide: RATE_LIMIT_CONFIG, inject: [ENV], useFactory: (env: Env) => loadRateLimitConfig(env) },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    RuleBook,
    BucketLimiter,
    AttemptRecorder,
    DefaultRulesSeeder,
    SetRuleHandler,
    BlockClientHandler,
    RulesReader,
    BlocksReader,
    AttemptsReader,
    StatusReader,
    RateLimitProjection,
    PruneAttemptsJob,
  ],
  exports: [RuleBook, AttemptRecorder],
})
export class RateLimitModule {}
