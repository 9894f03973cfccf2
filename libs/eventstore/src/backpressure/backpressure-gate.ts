import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { checkpoints } from '../projections/checkpoints';
import { ProjectionRegistry } from '../projections/projection-registry';
import { BACKPRESSURE_CONFIG, BackpressureConfig } from './backpressure.config';

/** Why load is shed now, or null when it is not. */
export type Overload = string | null;

/**
 * Another backlog the write paths feed (the async tasks' queue, in libs/jobs), judged in the
 * same background measurement as the projections' lag. Registered at boot by its owner.
 */
export interface LoadSignal {
  judge(): Promise<Overload>;
}

/**
 * Measures the lag of the projections a write path feeds, at most every `checkMs` (one
 * measurement at a time, in the background: requests never wait for it and use the last
 * verdict). Without it a burst of votes faster than the projections could grow the lag without
 * bound, and every read model (leaderboards, "my votes") would fall further behind.
 */
@Injectable()
export class BackpressureGate {
  private readonly logger = new Logger('Backpressure');
  private verdict: Overload = null;
  private measuredAt = 0;
  private measuring: Promise<void> | null = null;
  private readonly signals: LoadSignal[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
    @Inject(BACKPRESSURE_CONFIG) readonly config: BackpressureConfig,
  ) {}

  /** The last verdict; starts a new measurement when it is older than `checkMs`. */
  overload(): Overload {
    if (!this.enabled()) return null;
    if (Date.now() - this.measuredAt >= this.config.checkMs) this.measureSoon();
    return this.verdict;
  }

  addSignal(signal: LoadSignal): void {
    this.signals.push(signal);
  }

  /** Measures now and returns the verdict (tests, and the first request after a quiet spell). */
  async measure(): Promise<Overload> {
    this.measureSoon();
    await this.measuring;
    return this.verdict;
  }

  private enabled(): boolean {
    return this.config.maxLagSeconds > 0 || this.config.maxLagEvents > 0 || this.signals.length > 0;
  }

  private measureSoon(): void {
    this.measuring ??= this.judge()
      .then((verdict) => {
        if (verdict !== this.verdict) this.logger.warn(verdict ? `Shedding load: ${verdict}` : 'Lag back under the limits: taking load again');
        this.verdict = verdict;
      })
      // The store cannot be read: the write path reports that itself; keep the last verdict.
      .catch((error: unknown) => this.logger.debug(`lag measurement failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.measuredAt = Date.now();
        this.measuring = null;
      });
  }

  private async judge(): Promise<Overload> {
    const { maxLagEvents, maxLagSeconds } = this.config;
    const lagRules = maxLagEvents > 0 || maxLagSeconds > 0;
    for (const name of lagRules ? this.config.projections : []) {
      const projection = this.registry.find(name);
      if (!projection) continue;
      const checkpoint = await checkpoints.load(this.orm.em.fork(), projection.name, projection.version);
      // Enough to tell "over the limit" from "not", never the whole backlog.
      const pending = await this.store.readAll({ from: checkpoint?.position ?? 'start', filter: projection.filter, maxCount: Math.max(1, maxLagEvents + 1) });
      if (maxLagEvents > 0 && pending.length > maxLagEvents) return `${name} has more than ${maxLagEvents} events to apply`;
      const oldest = pending[0];
      // Wall time, not the injected clock: created_at is the database's now() (a test's clock may be days off).
      const waited = oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0;
      if (maxLagSeconds > 0 && waited > maxLagSeconds) return `${name} is ${Math.round(waited)} s behind`;
    }
    for (const signal of this.signals) {
      const overload = await signal.judge();
      if (overload) return overload;
    }
    return null;
  }
}
