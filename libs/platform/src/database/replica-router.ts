import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection, IDatabaseDriver } from '@mikro-orm/core';

/** Where one request's reads may go: its region's replicas, or the primary (a write, or a read that names a position). */
export interface ReadRoute {
  region: string | undefined;
  primaryOnly: boolean;
}

const routes = new AsyncLocalStorage<ReadRoute>();

/** Runs `work` (the rest of a request) with its read route (apps/api read-routing.hook.ts). */
export function runWithReadRoute(route: ReadRoute, work: () => void): void {
  routes.run(route, work);
}

export interface ReplicaView {
  /** host:port, never the credentials. */
  name: string;
  region: string;
  inRotation: boolean;
  /** Runs one statement on the replica (lag checks, the consistency check). */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

interface Replica extends ReplicaView {
  connection: Connection;
}

/**
 * Routes MikroORM's 'read' connections (em.find outside a transaction, ReadConnection.query):
 * - a request that writes (any method but GET/HEAD) or names a read position (read your
 *   writes) reads from the primary;
 * - otherwise a replica of the request's region that is in rotation, else one of another
 *   region, else the primary.
 * Replicas start out of rotation: the lag monitor (libs/observability ReplicaLagMonitor) puts a
 * replica in once it has measured it within REPLICA_MAX_LAG_MS, and takes it out when it falls
 * behind or stops answering. Picking costs one AsyncLocalStorage read and one array index.
 */
export class ReplicaRouter {
  private replicas: Replica[] = [];
  private inRotation: Replica[] = [];
  private byRegion = new Map<string, Replica[]>();
  private readonly quarantined = new Set<string>();

  constructor(private readonly homeRegion: string) {}

  /** Takes over the driver's choice of read connection; `regions` are in DATABASE_REPLICA_URLS order. */
  attach(driver: IDatabaseDriver, regions: readonly string[]): void {
    const connections = (driver as unknown as { replicas?: Connection[] }).replicas ?? [];
    if (connections.length !== regions.length) throw new Error(`ReplicaRouter: ${connections.length} replica connections for ${regions.length} configured replicas`);
    this.replicas = connections.map((connection, index) => ({
      connection,
      name: replicaName(connection.getClientUrl()),
      region: regions[index],
      inRotation: false,
      query: <Row>(sql: string, params: unknown[] = []) => connection.execute<Row[]>(sql, params),
    }));
    if (this.replicas.length === 0) return;
    const primary = driver.getConnection('write');
    driver.getConnection = (type: 'read' | 'write' = 'write') => (type === 'write' ? primary : (this.pick() ?? primary));
  }

  list(): readonly ReplicaView[] {
    return this.replicas;
  }

  /** Out of rotation until the process restarts, whatever its lag (the consistency check found it differs from the primary). */
  quarantine(name: string): void {
    this.quarantined.add(name);
    this.setInRotation(name, false);
  }

  setInRotation(name: string, inRotation: boolean): void {
    const replica = this.replicas.find((candidate) => candidate.name === name);
    if (inRotation && this.quarantined.has(name)) return;
    if (!replica || replica.inRotation === inRotation) return;
    replica.inRotation = inRotation;
    this.inRotation = this.replicas.filter((candidate) => candidate.inRotation);
    this.byRegion = new Map();
    for (const candidate of this.inRotation) this.byRegion.set(candidate.region, [...(this.byRegion.get(candidate.region) ?? []), candidate]);
  }

  /** The replica this read goes to, or undefined for the primary. */
  pick(): Connection | undefined {
    const route = routes.getStore();
    if (route?.primaryOnly) return undefined;
    const local = this.byRegion.get(route?.region ?? this.homeRegion);
    const candidates = local ?? this.inRotation;
    if (candidates.length === 0) return undefined;
    return candidates[candidates.length === 1 ? 0 : Math.floor(Math.random() * candidates.length)].connection;
  }
}

function replicaName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'replica';
  }
}
