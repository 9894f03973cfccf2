import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { GlobalPosition, RecordedEvent } from '../event-store.port';
import { assertAt, Checkpoint, CheckpointMovedError, checkpoints } from './checkpoints';
import { deadLetters, describeError } from './dead-letters';
import { Projection } from './projection';
import { ProjectionsConfig } from './projections.config';
import { isTransientFailure, retryDelay, sleep } from './retry-policy';
import { quoteIdent } from './shadow-schema';

/** What a batch is applied to: a projection, under a checkpoint key, optionally into a shadow schema. */
export interface BatchTarget {
  projection: Projection;
  /** Checkpoint key: the projection name, or its rebuild key. */
  consumer: string;
  /** Set during a rebuild: unqualified table names resolve here first. */
  shadowSchema?: string;
}

export type RetrySettings = Pick<ProjectionsConfig, 'maxAttempts' | 'quickRetryMs' | 'maxParkedInARow' | 'parkedMaxRetries' | 'parkedRetryBaseMs' | 'parkedRetryMaxMs'>;

/** Events a consumer parked in a row, none applied between them; kept by the caller across batches. */
export class ParkStreak {
  count = 0;
}

/**
 * Too many events failed in a row: the projection itself is broken (a bad deploy, a missing
 * table), not one event. Parking would empty the log into es_dead_letters, so the applier
 * stops and the runner backs off and reports the projection as failing (not ready).
 */
export class ProjectionStalledError extends Error {
  constructor(
    readonly consumer: string,
    parkedInARow: number,
    readonly lastError: unknown,
  ) {
    super(`${consumer}: ${parkedInARow} events in a row could not be applied; not parking more (last error: ${describeError(lastError)})`);
    this.name = 'ProjectionStalledError';
  }
}

type Attempt = { ok: true; checkpoint: Checkpoint } | { ok: false; error: unknown; attempts: number };

/**
 * Applies one batch and moves its checkpoint in ONE transaction, so a crash anywhere leaves
 * either both or neither. A batch that fails for a reason other than the infrastructure is
 * tried again a few milliseconds later, then split in halves, each applied (and checkpointed)
 * on its own the same way, down to the single event that still fails: that one is parked in
 * es_dead_letters, in the same transaction that moves the checkpoint past it, and the rest of
 * the batch goes on. A poison event costs the other tenants about 2·log2(batch) failed
 * transactions, not seconds of backoff. Parked events are retried in the background
 * (ParkedEventRetrier). Infrastructure failures are never parked: they go up to the runner,
 * which backs off and tries again.
 */
export class ProjectionBatchApplier {
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: RetrySettings,
  ) {}

  /** `streak` carries the events parked in a row across batches (the runner keeps one per projection). */
  async handle(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[], signal?: AbortSignal, streak = new ParkStreak()): Promise<Checkpoint> {
    if (events.length === 0) return checkpoint;
    if (target.projection.delivery === 'effects-first' && !target.projection.effectsBatched) return this.applyOneByOne(target, checkpoint, events, signal, streak);
    return this.applyOrIsolate(target, checkpoint, events, { signal, streak, priorAttempts: 0 });
  }

  /**
   * A reactor's batch, one event at a time, each followed by its checkpoint: an event that
   * fails is retried (then parked) alone, and never repeats the effects of the events before it
   * (a resent message, a second provider call). A crash repeats at most the event in hand.
   */
  private async applyOneByOne(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[], signal: AbortSignal | undefined, streak: ParkStreak): Promise<Checkpoint> {
    let at = checkpoint;
    for (const event of events) at = await this.applyOrIsolate(target, at, [event], { signal, streak, priorAttempts: 0 });
    return at;
  }

  private async applyOrIsolate(
    target: BatchTarget,
    checkpoint: Checkpoint,
    events: readonly RecordedEvent[],
    run: { signal?: AbortSignal; streak: ParkStreak; priorAttempts: number },
  ): Promise<Checkpoint> {
    const attempt = await this.tryQuickly(target, checkpoint, events, run.signal);
    if (attempt.ok) {
      run.streak.count = 0;
      return attempt.checkpoint;
    }
    if (isTransientFailure(attempt.error)) throw attempt.error;
    const attempts = run.priorAttempts + attempt.attempts;
    if (events.length === 1) return this.park(target, checkpoint, events[0], attempt.error, attempts, run.streak);
    if (run.priorAttempts === 0) this.logger.warn(`${target.consumer}: batch of ${events.length} from ${events[0].position} fails (${describeError(attempt.error)}); isolating the event(s) at fault`);
    // Halves in log order: the left one is applied (or isolated further) before the right one.
    const half = Math.ceil(events.length / 2);
    const inner = { ...run, priorAttempts: attempts };
    const afterLeft = await this.applyOrIsolate(target, checkpoint, events.slice(0, half), inner);
    return this.applyOrIsolate(target, afterLeft, events.slice(half), inner);
  }

  /** One transaction: lock and check the checkpoint, apply, move the checkpoint. */
  async applyOnce(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[]): Promise<Checkpoint> {
    if (events.length === 0) throw new Error('applyOnce needs at least one event');
    const last = events[events.length - 1];
    if (target.projection.delivery === 'effects-first') {
      // A reactor's effects use their own connections (commands, providers): no transaction is
      // open meanwhile (PGlite runs one at a time). A crash before the checkpoint moves repeats them.
      await target.projection.apply(events, { em: this.orm.em.fork(), rebuilding: false });
      return this.orm.em.fork().transactional(async (em) => {
        const locked = assertAt(await checkpoints.lock(em, target.consumer, checkpoint.version), checkpoint);
        return checkpoints.advance(em, locked, { position: last.position, positionTime: last.createdAt }, events.length);
      });
    }
    return this.orm.em.fork().transactional(async (em) => {
      const locked = assertAt(await checkpoints.lock(em, target.consumer, checkpoint.version), checkpoint);
      if (target.shadowSchema) await em.execute(`set local search_path to ${quoteIdent(target.shadowSchema)}, public`);
      await target.projection.apply(events, { em, rebuilding: target.shadowSchema !== undefined });
      await em.flush();
      return checkpoints.advance(em, locked, { position: last.position, positionTime: last.createdAt }, events.length);
    });
  }

  /**
   * Moves the checkpoint over events the projection's filter does not take (nothing to apply;
   * the time of the last applied event stays), checked against concurrent writers like a batch.
   */
  async skipTo(target: BatchTarget, checkpoint: Checkpoint, position: GlobalPosition): Promise<Checkpoint> {
    return this.orm.em.fork().transactional(async (em) => {
      const locked = assertAt(await checkpoints.lock(em, target.consumer, checkpoint.version), checkpoint);
      return checkpoints.advance(em, locked, { position, positionTime: locked.positionTime }, 0);
    });
  }

  private async tryQuickly(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[], signal?: AbortSignal): Promise<Attempt> {
    let lastError: unknown;
    const { maxAttempts, quickRetryMs } = this.settings;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        return { ok: true, checkpoint: await this.applyOnce(target, checkpoint, events) };
      } catch (error) {
        if (error instanceof CheckpointMovedError) throw error;
        lastError = error;
        // Infrastructure failures go up to the runner's backoff at once: splitting would not help.
        if (isTransientFailure(error)) break;
        this.logger.debug(`${target.consumer}: attempt ${attempt}/${maxAttempts} on ${events.length} event(s) from ${events[0].position} failed: ${describeError(error)}`);
        if (attempt < maxAttempts) await sleep(retryDelay(attempt, quickRetryMs, quickRetryMs * 8), signal);
      }
    }
    return { ok: false, error: lastError, attempts: maxAttempts };
  }

  private async park(target: BatchTarget, checkpoint: Checkpoint, event: RecordedEvent, error: unknown, attempts: number, streak: ParkStreak): Promise<Checkpoint> {
    if (streak.count >= this.settings.maxParkedInARow) throw new ProjectionStalledError(target.consumer, streak.count, error);
    const retryInMs = this.settings.parkedMaxRetries > 0 ? retryDelay(1, this.settings.parkedRetryBaseMs, this.settings.parkedRetryMaxMs) : null;
    const next = await this.orm.em.fork().transactional(async (em) => {
      const locked = assertAt(await checkpoints.lock(em, target.consumer, checkpoint.version), checkpoint);
      await deadLetters.park(em, target.consumer, checkpoint.version, event, error, attempts, retryInMs);
      return checkpoints.advance(em, locked, { position: event.position, positionTime: event.createdAt }, 1);
    });
    streak.count += 1;
    this.logger.error(`${target.consumer}: parked event ${event.id} (${event.type} at ${event.position}) after ${attempts} attempts: ${describeError(error)}`);
    return next;
  }
}
