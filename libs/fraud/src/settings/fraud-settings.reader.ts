import { Inject, Injectable } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { FraudSettings } from '../domain/fraud.events';
import { fraudSettingsDecider, fraudSettingsStream } from '../domain/fraud-settings';
import { ExpiringCache } from '../lookups/expiring-cache';

/**
 * A tenant's fraud settings from its settings stream, cached for five seconds per process: a
 * change takes effect at once in the process that made it and within five seconds in others.
 */
@Injectable()
export class FraudSettingsReader {
  private readonly cache = new ExpiringCache<FraudSettings>(5_000, 10_000);

  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  settings(tenantId: string): FraudSettings | Promise<FraudSettings> {
    return this.cache.get(tenantId, this.clock.now().getTime(), async () => (await this.runner.load(fraudSettingsDecider, fraudSettingsStream(tenantId))).state.settings);
  }

  changed(tenantId: string): void {
    this.cache.forget(tenantId);
  }
}
