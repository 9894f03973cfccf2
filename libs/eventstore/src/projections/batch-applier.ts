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

export type RetrySettings = Pick<ProjectionsConfig, 'maxAttempts' | 'retryBaseDelayMs' | 'maxRetryDelayMs'>;

/**
 * Applies one batch and moves its checkpoint in ONE transaction, so a crash anywhere leaves
 * either both or neither. A failing batch is retried with backoff; if it keeps failing, its
 * events are applied one by one and the one that still fails is parked in es_dead_letters —
 * in the same transaction that moves the checkpoint past it — and the projection goes on.
 * Infrastructure failures are never parked: they go up to the runner, which retries later.
 */
export class ProjectionBatchApplier {
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: RetrySettings,
  ) {}

  async handle(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[], signal?: AbortSignal): Promise<Checkpoint> {
    if (events.length === 0) return checkpoint;
    const failure = await this.tryRepeatedly(target, checkpoint, events, signal);
    if (failure.ok) return failure.checkpoint;
    if (isTransientFailure(failure.error)) throw failure.error;
    if (events.length === 1) return this.park(target, checkpoint, events[0], failure.error, failure.attempts);

    this.logger.warn(`${target.consumer}: batch of ${events.length} keeps failing (${describeError(failure.error)}); applying its events one by one`);
    let current = checkpoint;
    for (const event of events) {
      const single = await this.tryRepeatedly(target, current, [event], signal);
      if (single.ok) {
        current = single.checkpoint;
        continue;
      }
      if (isTransientFailure(single.error)) throw single.error;
      current = await this.park(target, current, event, single.error, failure.attempts + single.attempts);
    }
    return current;
  }

  /** One transaction: lock and check the checkpoint, apply, move the checkpoint. */
  async applyOnce(target: BatchTarget, checkpoint: Checkpoint, events: readonly RecordedEvent[]): Promise<Checkpoint> {
    if (events.length === 0) throw new Error('applyOnce needs at least one event');
    const last = events[events.length - 1];
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

  private async tryRepeatedly(
    target: BatchTarget,
    checkpoint: Checkpoint,
    events: readonly RecordedEvent[],
    signal?: AbortSignal,
  ): Promise<{ ok: true; checkpoint: Checkpoint } | { ok: false; error: unknown; attempts: number }> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      try {
        return { ok: true, checkpoint: await this.applyOnce(target, checkpoint, events) };
      } catch (error) {
        if (error instanceof CheckpointMovedError) throw error;
        lastError = error;
        this.logger.warn(`${target.consumer}: attempt ${attempt}/${this.settings.maxAttempts} on ${events.length} event(s) from ${events[0].position} failed: ${describeError(error)}`);
        if (attempt < this.settings.maxAttempts) await sleep(retryDelay(attempt, this.settings.retryBaseDelayMs, this.settings.maxRetryDelayMs), signal);
      }
    }
    return { ok: false, error: lastError, attempts: this.settings.maxAttempts };
  }

  private async park(target: BatchTarget, checkpoint: Checkpoint, event: RecordedEvent, error: unknown, attempts: number): Promise<Checkpoint> {
    const next = await this.orm.em.fork().transactional(async (em) => {
      const locked = assertAt(await checkpoints.lock(em, target.consumer, checkpoint.version), checkpoint);
      await deadLetters.park(em, target.consumer, checkpoint.version, event, error, attempts);
      return checkpoints.advance(em, locked, { position: event.position, positionTime: event.createdAt }, 1);
    });
    this.logger.error(`${target.consumer}: parked event ${event.id} (${event.type} at ${event.position}) after ${attempts} attempts: ${describeError(error)}`);
    return next;
  }
}
