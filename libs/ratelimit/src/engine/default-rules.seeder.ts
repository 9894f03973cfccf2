import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { DEFAULT_RULES } from '../domain/default-rules';
import { RateLimitRuleSet } from '../domain/ratelimit.events';
import { PLATFORM_OWNER, rulesStream } from '../domain/ratelimit.streams';
import { rulesDecider } from '../domain/rules.state';

/**
 * Seeds the default platform rules (domain/default-rules.ts) into an empty platform rules
 * stream at start. Every process may try: the append expects the stream's revision, so the
 * defaults are written once and never over an operator's later edits.
 */
@Injectable()
export class DefaultRulesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DefaultRulesSeeder.name);

  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const at = this.clock.now().toISOString();
    const outcome = await this.runner.run(
      {
        decider: rulesDecider,
        streamId: rulesStream(PLATFORM_OWNER),
        decide: (state): RateLimitRuleSet[] => (state.rules.size > 0 ? [] : DEFAULT_RULES.map((rule) => ({ type: 'RateLimitRuleSet', data: { rule, level: 'platform', at } }))),
      },
      commandMetadata({ tenantId: PLATFORM_OWNER, actorId: null, clientIp: null }),
    );
    if (outcome.events.length > 0) this.logger.log(`Seeded ${outcome.events.length} default rate limit rules`);
  }
}
