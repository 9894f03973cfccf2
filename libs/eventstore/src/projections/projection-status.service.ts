import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, CLOCK } from '@tally/platform';
import { EVENT_STORE, EventStore, GlobalPosition } from '../event-store.port';
import { Checkpoint, checkpoints } from './checkpoints';
import { deadLetters } from './dead-letters';
import { Projection } from './projection';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionRunner, WorkerState } from './projection-runner';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';
import { rebuildConsumer } from './shadow-schema';

export interface ProjectionStatus {
  name: string;
  version: number;
  tables: readonly string[];
  /** Null: never ran (no checkpoint at this version). */
  position: GlobalPosition | null;
  eventsProcessed: number;
  updatedAt: Date | null;
  /** Events matching the projection's filter after its checkpoint, counted up to the cap. */
  eventsBehind: number;
  /** True when there are more than `eventsBehind` (the count stopped at the cap). */
  eventsBehindCapped: boolean;
  /**
   * How long the oldest event not yet applied has been waiting (now − its created_at); 0 when
   * caught up. Unlike "head time − checkpoint time", a quiet stream does not look like lag.
   */
  secondsBehind: number;
  headPosition: GlobalPosition | null;
  parkedEvents: number;
  rebuild: { position: GlobalPosition | null; eventsProcessed: number; updatedAt: Date } | null;
  /** This process's worker, when this process runs projections. */
  worker: WorkerState | null;
}

export interface ProjectionsReadiness {
  /** False when a projection is down or stalled: the process should get no traffic. */
  ready: boolean;
  /**
   * True while events are parked: every read model is current except for those events (each
   * one missing from its projection's tables until a retry or an operator applies it).
   */
  degraded: boolean;
  problems: string[];
  warnings: string[];
  /** Parked events per projection that has any. */
  parked: Record<string, number>;
  projections: ProjectionStatus[];
}

/** A worker failing this many times in a row makes the process not ready. */
const FAILURES_BEFORE_NOT_READY = 3;

/** Lag and health of every projection, for /health/ready, metrics and the CLI. */
@Injectable()
export class ProjectionStatusService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly runner?: ProjectionRunner,
  ) {}

  async statuses(): Promise<ProjectionStatus[]> {
    const em = this.orm.em.fork();
    const rows = await checkpoints.list(em);
    const parked = await deadLetters.countParked(em);
    const workers = new Map((this.runner?.workerStates() ?? []).map((state) => [state.projection, state]));
    const result: ProjectionStatus[] = [];
    for (const projection of this.registry.all()) {
      const live = rows.find((row) => row.consumer === projection.name && row.version === projection.version) ?? null;
      const rebuild = rows.find((row) => row.consumer === rebuildConsumer(projection.name) && row.version === projection.version) ?? null;
      result.push({
        name: projection.name,
        version: projection.version,
        tables: projection.tables,
        position: live?.position ?? null,
        eventsProcessed: live?.eventsProcessed ?? 0,
        updatedAt: live?.updatedAt ?? null,
        ...(await this.lag(projection, live)),
        parkedEvents: parked.get(projection.name) ?? 0,
        rebuild: rebuild ? { position: rebuild.position, eventsProcessed: rebuild.eventsProcessed, updatedAt: rebuild.updatedAt } : null,
        worker: workers.get(projection.name) ?? null,
      });
    }
    return result;
  }

  async status(name: string): Promise<ProjectionStatus> {
    this.registry.get(name);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  /**
   * Ready unless a local worker keeps failing (down, or stalled on events it may not park), or
   * (when configured) a projection lags too far. Degraded, but ready, while events are parked.
   */
  async readiness(): Promise<ProjectionsReadiness> {
    const projections = await this.statuses();
    const problems: string[] = [];
    const warnings: string[] = [];
    const parked: Record<string, number> = {};
    for (const status of projections) {
      if (status.parkedEvents > 0) {
        parked[status.name] = status.parkedEvents;
        warnings.push(`${status.name} has ${status.parkedEvents} parked event(s)`);
      }
      // Failures in a row, whatever the phase: a worker retrying a stalled batch shows 'catching-up' meanwhile.
      if (status.worker && isActive(status.worker) && status.worker.consecutiveFailures >= FAILURES_BEFORE_NOT_READY) {
        problems.push(`${status.name} is failing: ${status.worker.lastError}`);
      }
      if (this.config.readyMaxLagSeconds > 0 && status.secondsBehind > this.config.readyMaxLagSeconds) {
        problems.push(`${status.name} is ${Math.round(status.secondsBehind)} s behind`);
      }
    }
    return { ready: problems.length === 0, degraded: warnings.length > 0, problems, warnings, parked, projections };
  }

  private async lag(projection: Projection, live: Checkpoint | null): Promise<Pick<ProjectionStatus, 'eventsBehind' | 'eventsBehindCapped' | 'secondsBehind' | 'headPosition'>> {
    const cap = this.config.lagCountCap;
    const pending = await this.store.readAll({ from: live?.position ?? 'start', filter: projection.filter, maxCount: cap + 1 });
    const [head] = pending.length ? await this.store.readAll({ direction: 'backwards', from: 'end', filter: projection.filter, maxCount: 1 }) : [];
    const oldest = pending[0];
    return {
      eventsBehind: Math.min(pending.length, cap),
      eventsBehindCapped: pending.length > cap,
      secondsBehind: oldest ? Math.max(0, (this.clock.now().getTime() - oldest.createdAt.getTime()) / 1000) : 0,
      headPosition: head?.position ?? live?.position ?? null,
    };
  }
}

function isActive(worker: WorkerState): boolean {
  return worker.phase !== 'standby' && worker.phase !== 'stopped';
}
