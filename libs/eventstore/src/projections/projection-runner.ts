import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore, GlobalPosition, RecordedEvent } from '../event-store.port';
import { AdvisoryLocks } from './advisory-locks';
import { AppendedCensus, censusRulesOut } from './appended-census';
import { ParkStreak, ProjectionBatchApplier } from './batch-applier';
import { Checkpoint, CheckpointMovedError, checkpoints } from './checkpoints';
import { describeError } from './dead-letters';
import { ParkedEventRetrier } from './parked-event-retrier';
import { Projection } from './projection';
import { ProjectionProgress } from './projection-progress';
import { ProjectionRebuilder } from './projection-rebuilder';
import { ProjectionsConfig } from './projections.config';
import { canReadAhead, readAheadFrom, readBatch } from './read-batch';
import { retryDelay, sleep, StoppedError } from './retry-policy';

export type WorkerPhase = 'starting' | 'standby' | 'rebuilding' | 'catching-up' | 'live' | 'failing' | 'stopped';

/** What this process's worker for one projection is doing (the database holds the rest). */
export interface WorkerState {
  projection: string;
  phase: WorkerPhase;
  checkpoint: Checkpoint | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The projection lock's connection died: stand down and ask for the lock again. */
class LockLostError extends Error {}

/** A newer version of this projection has taken over (a rolling deploy's old process). */
class OutdatedProjectionError extends Error {}

/** A batch being read: from where, and the head (and its version) the runner had seen when the read started. */
interface PendingBatch {
  from: GlobalPosition | null;
  seenHead: number;
  head: GlobalPosition | null;
  events: Promise<RecordedEvent[]>;
}

/**
 * How far a projection has read past its checkpoint over events its filter does not take. A
 * filtered read that comes back short has returned every matching event up to any head seen
 * before it started (visibility only grows, positions sort as text), so the next read can start
 * there: without this, a projection of rare events (tenants, say, among millions of votes)
 * would scan the whole tail since its last match on every poll. The skip is kept in memory and
 * written to the checkpoint at most every `skipPersistMs`, so a restart (and the status
 * service's lag count) rescans little, while idle projections add no commit per poll.
 */
class SkipCursor {
  private position: GlobalPosition | null;
  private readonly since = Date.now();

  constructor(checkpoint: Checkpoint) {
    this.position = checkpoint.position;
  }

  readFrom(checkpoint: Checkpoint): GlobalPosition | null {
    return later(checkpoint.position, this.position);
  }

  skipTo(head: GlobalPosition | null): void {
    this.position = later(this.position, head);
  }

  /** The position to write to the checkpoint now, if the cursor is past it and the interval is up. */
  due(checkpoint: Checkpoint, intervalMs: number): GlobalPosition | null {
    const ahead = this.position !== null && (checkpoint.position === null || this.position > checkpoint.position);
    return ahead && Date.now() - this.since >= intervalMs ? this.position : null;
  }
}

function later(a: GlobalPosition | null, b: GlobalPosition | null): GlobalPosition | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

/** A caught-up projection re-reads at least this often even if the head seems unchanged. */
const IDLE_REREAD_MS = 5_000;

/**
 * Runs every projection: one loop each, reading the global log from its checkpoint in batches
 * (with the projection's filter, in SQL) and handing each batch to the applier, which commits
 * rows and checkpoint together. One instance per projection across processes holds its
 * advisory lock; the others stay on standby and take over when that connection dies.
 */
export class ProjectionRunner {
  private readonly logger = new Logger('ProjectionRunner');
  private readonly states = new Map<string, WorkerState>();
  private loops: Promise<void>[] = [];
  private abort: AbortController | null = null;
  // One head query per poll for the whole runner instead of one read per projection: idle
  // projections wait for the head to move (this matters on PGlite, one backend for everything).
  private head: GlobalPosition | null = null;
  private headVersion = 0;
  // What the last head move appended, when the store can tell (headCensus): its `to` is always
  // `head`, set together with it. A caught-up loop whose filter takes none of it skips its read.
  private appended: AppendedCensus | null = null;
  private readonly headWaiters = new Set<() => void>();
  // Set while paused: every loop waits on it before its next read.
  private pauseGate: { held: Promise<void>; release: () => void } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly locks: AdvisoryLocks,
    private readonly applier: ProjectionBatchApplier,
    private readonly rebuilder: ProjectionRebuilder,
    private readonly retrier: ParkedEventRetrier,
    private readonly config: ProjectionsConfig,
    private readonly progress: ProjectionProgress = new ProjectionProgress(),
  ) {}

  start(projections: readonly Projection[]): void {
    if (this.abort) throw new Error('Projection runner already started');
    const abort = new AbortController();
    this.abort = abort;
    this.loops = projections.map((projection) => {
      const state: WorkerState = { projection: projection.name, phase: 'starting', checkpoint: null, consecutiveFailures: 0, lastError: null, lastErrorAt: null };
      this.states.set(projection.name, state);
      return this.run(projection, state, abort.signal);
    });
    if (projections.length) this.loops.push(this.watchHead(abort.signal));
    if (projections.length && this.config.parkedMaxRetries > 0) this.loops.push(this.retryParked(projections, abort.signal));
    if (projections.length) this.logger.log(`Running ${projections.length} projection(s): ${projections.map((p) => `${p.name}@v${p.version}`).join(', ')}`);
  }

  /** Lets the current transactions finish, releases the locks. */
  async stop(): Promise<void> {
    if (!this.abort) return;
    this.resume();
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.loops = [];
    this.abort = null;
    await this.locks.close();
  }

  /**
   * Holds every projection before its next read; the batches in flight still commit. For tests
   * and operators who need the read models to stand still (read-your-writes e2e).
   */
  pause(): void {
    if (this.pauseGate) return;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.pauseGate = { held, release };
  }

  resume(): void {
    this.pauseGate?.release();
    this.pauseGate = null;
  }

  get running(): boolean {
    return this.abort !== null;
  }

  workerStates(): WorkerState[] {
    return [...this.states.values()].map((state) => ({ ...state }));
  }

  private async run(projection: Projection, state: WorkerState, signal: AbortSignal): Promise<void> {
    const lockKey = `projection:${projection.name}`;
    // Events parked in a row, across batches: past the limit the projection is broken, not an event.
    const streak = new ParkStreak();
    while (!signal.aborted) {
      try {
        if (!(await this.locks.tryLock(lockKey))) {
          state.phase = 'standby';
          await sleep(this.config.lockRetryMs, signal);
          continue;
        }
        await this.rebuildIfVersionChanged(projection, state, signal);
        let checkpoint = await checkpoints.ensure(this.orm.em.fork(), projection.name, projection.version);
        state.checkpoint = checkpoint;
        this.progress.advance(projection.name, checkpoint.position);
        // Behind (full batches), the next batch is read while this one is applied.
        const readAhead = await canReadAhead(this.orm);
        let ahead: PendingBatch | null = null;
        // Where the next read starts: the checkpoint, or past it over events the filter skips.
        let cursor = new SkipCursor(checkpoint);
        const batchSize = projection.batchSize ?? this.config.batchSize;
        while (!signal.aborted) {
          if (this.pauseGate) await this.pauseGate.held;
          if (!this.locks.holds(lockKey)) throw new LockLostError(`${projection.name}: lost its lock`);
          const from = cursor.readFrom(checkpoint);
          const batch: PendingBatch = ahead && ahead.from === from ? ahead : this.nextBatch(projection, from, batchSize);
          ahead = null;
          const events = await batch.events;
          if (readAhead && events.length === batchSize) {
            ahead = { seenHead: this.headVersion, head: this.head, ...readAheadFrom(this.store, projection, events, batchSize) };
          }
          if (events.length > 0) {
            state.phase = 'catching-up';
            checkpoint = await this.applier.handle({ projection, consumer: projection.name }, checkpoint, events, signal, streak);
            state.checkpoint = checkpoint;
            this.progress.advance(projection.name, checkpoint.position);
          }
          state.consecutiveFailures = 0;
          if (events.length < batchSize) {
            state.phase = 'live';
            // A short batch holds every match up to the head seen before the read started.
            cursor.skipTo(batch.head);
            this.progress.advance(projection.name, cursor.readFrom(checkpoint));
            const skipTo = cursor.due(checkpoint, this.config.skipPersistMs);
            if (skipTo !== null) {
              checkpoint = await this.applier.skipTo({ projection, consumer: projection.name }, checkpoint, skipTo);
              state.checkpoint = checkpoint;
              cursor = new SkipCursor(checkpoint);
            }
            await this.headMovedSince(batch.seenHead, signal);
          }
        }
      } catch (error) {
        if (error instanceof StoppedError || signal.aborted) break;
        if (error instanceof CheckpointMovedError) {
          // A rebuild swapped the tables in, or another instance wrote: reload and go on. What this
          // process reported as applied no longer describes those tables; the reload reports again.
          this.progress.forget(projection.name);
          this.logger.log(`${projection.name}: ${error.message}; reloading`);
          continue;
        }
        if (error instanceof LockLostError) {
          this.progress.forget(projection.name);
          this.logger.warn(error.message);
          state.phase = 'standby';
          continue;
        }
        if (error instanceof OutdatedProjectionError) {
          // Never build an old version again over the newer one's tables: stand aside.
          this.progress.forget(projection.name);
          if (state.phase !== 'standby') this.logger.warn(error.message);
          state.phase = 'standby';
          await this.locks.unlock(lockKey);
          await sleep(this.config.lockRetryMs, signal).catch(() => undefined);
          continue;
        }
        state.phase = 'failing';
        state.consecutiveFailures += 1;
        state.lastError = describeError(error);
        state.lastErrorAt = new Date();
        this.logger.error(`${projection.name}: ${state.lastError} (failure ${state.consecutiveFailures}; retrying)`);
        await sleep(retryDelay(state.consecutiveFailures, this.config.retryBaseDelayMs, this.config.maxRetryDelayMs), signal).catch(() => undefined);
      }
    }
    this.progress.forget(projection.name);
    await this.locks.unlock(lockKey);
    state.phase = 'stopped';
  }

  /**
   * Background retries of parked events, for the projections whose lock this process holds and
   * which run live (a rebuild's parked events wait for its swap to hand them over).
   */
  private async retryParked(projections: readonly Projection[], signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.config.parkedPollMs, signal).catch(() => undefined);
      if (signal.aborted) break;
      const ours = projections.filter((projection) => this.locks.holds(`projection:${projection.name}`) && this.states.get(projection.name)?.phase !== 'rebuilding');
      try {
        await this.retrier.retryDue(ours);
      } catch (error) {
        // The projections' own loops report an outage; parked events wait for the next round.
        this.logger.debug(`parked-event retries failed: ${describeError(error)}`);
      }
    }
  }

  /**
   * The read from `from`, started now; or, when the last head move's census rules out every
   * event the filter takes in (from, head], an empty batch at that head: the short-batch path
   * then moves the cursor there exactly as if the read had come back empty.
   */
  private nextBatch(projection: Projection, from: GlobalPosition | null, batchSize: number): PendingBatch {
    const appended = this.appended;
    if (appended !== null && censusRulesOut(appended, projection.filter, from)) {
      return { from, seenHead: this.headVersion, head: appended.to, events: Promise.resolve([]) };
    }
    return { from, seenHead: this.headVersion, head: this.head, events: readBatch(this.store, projection, from, batchSize) };
  }

  private async watchHead(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const { head, appended } = await this.pollHead(this.head);
        if (head !== this.head) {
          this.appended = appended;
          this.head = head;
          this.headVersion += 1;
          for (const wake of [...this.headWaiters]) wake();
        }
      } catch (error) {
        // The projections' own reads report the outage; keep watching.
        this.logger.debug(`head poll failed: ${describeError(error)}`);
      }
      await sleep(this.config.pollIntervalMs, signal).catch(() => undefined);
    }
    for (const wake of [...this.headWaiters]) wake();
  }

  /**
   * The head, and the census of (previous, head] when the store offers one. No census (no
   * previous head, an adapter without headCensus, a head that did not move forward, a failed
   * census) only means every woken loop reads, as it would without one.
   */
  private async pollHead(previous: GlobalPosition | null): Promise<{ head: GlobalPosition | null; appended: AppendedCensus | null }> {
    if (previous === null || !this.store.headCensus) return { head: await this.store.headPosition(), appended: null };
    try {
      const { head, eventTypes } = await this.store.headCensus(previous);
      return { head, appended: head !== null && head > previous ? { from: previous, to: head, eventTypes } : null };
    } catch (error) {
      this.logger.debug(`head census failed, reading the plain head: ${describeError(error)}`);
      return { head: await this.store.headPosition(), appended: null };
    }
  }

  /** Resolves once the head moved after `seen` (or after IDLE_REREAD_MS); rejects when stopping. */
  private async headMovedSince(seen: number, signal: AbortSignal): Promise<void> {
    if (this.headVersion !== seen) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.headWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, IDLE_REREAD_MS);
      this.headWaiters.add(done);
      if (signal.aborted) done();
    });
    if (signal.aborted) throw new StoppedError();
  }

  /**
   * A new `version` of a projection with tables is built blue/green: the previous version's
   * tables keep serving until the new ones have caught up and are swapped in.
   */
  private async rebuildIfVersionChanged(projection: Projection, state: WorkerState, signal: AbortSignal): Promise<void> {
    const all = (await checkpoints.list(this.orm.em.fork())).filter((row) => row.consumer === projection.name);
    const newer = all.filter((row) => row.version > projection.version).map((row) => row.version);
    if (newer.length) throw new OutdatedProjectionError(`${projection.name}: version ${Math.max(...newer)} is live; this process runs version ${projection.version} and stands aside`);
    if (all.length === 0 || all.some((row) => row.version === projection.version)) return;
    const previous = all.map((row) => row.version).join(', ');
    if (projection.tables.length === 0) {
      this.logger.warn(`${projection.name}: version ${projection.version} replaces ${previous} and has no tables to build aside; starting from zero in place`);
      await checkpoints.remove(this.orm.em.fork(), projection.name);
      return;
    }
    state.phase = 'rebuilding';
    this.logger.log(`${projection.name}: version ${projection.version} replaces ${previous}; rebuilding into a shadow schema`);
    await this.rebuilder.rebuild(projection, { signal });
  }
}
