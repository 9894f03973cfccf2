/**
 * Where the machine's CPU goes during a measurement, from /proc (Linux): the Tally processes,
 * PostgreSQL (every `postgres` process on the machine), Redis, this bench process (the load
 * generator) and the whole machine. On a small machine every party shares the same cores, so
 * "CPU per request" of each, side by side, shows what bounds a rate and what a ratio between
 * two rates can be at most.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { cpuMs } from './server';

export interface CpuSnapshot {
  tally: number;
  /** Each Tally process's CPU, in the order of the pids given to cpuSnapshot. */
  tallyByProcess: number[];
  postgres: number;
  /** CPU of each PostgreSQL process by pid; cpuPerRequest sorts it by the client each backend serves. */
  postgresByPid: Map<number, number>;
  redis: number;
  loadGenerator: number;
  machine: number;
}

/**
 * Which client each PostgreSQL backend serves (pid → application_name without `tally-`), read
 * from pg_stat_activity right after a measurement, while the pools' connections are still open
 * (one opened during the measurement is there too); other processes count as 'other' (WAL
 * writer, checkpointer, the bench's own connections).
 */
export async function postgresBackendRoles(adminUrl: string): Promise<Map<number, string>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; role: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), 'other') AS role FROM pg_stat_activity WHERE backend_type = 'client backend'`,
    );
    return new Map(rows.map((row) => [row.pid, row.role.startsWith('tally-') ? row.role.slice('tally-'.length) : 'other']));
  } finally {
    await client.end();
  }
}

export function cpuSnapshot(tallyPids: readonly (number | undefined)[]): CpuSnapshot {
  const byName = cpuByProcessName(['postgres', 'redis-server']);
  const own = process.cpuUsage();
  const tallyByProcess = tallyPids.map((pid) => cpuMs(pid));
  return {
    tally: tallyByProcess.reduce((sum, used) => sum + used, 0),
    tallyByProcess,
    postgres: byName.totals.get('postgres') ?? 0,
    postgresByPid: byName.postgresByPid,
    redis: byName.totals.get('redis-server') ?? 0,
    loadGenerator: (own.user + own.system) / 1000,
    machine: machineBusyMs(),
  };
}

export interface CpuCost {
  tally: number;
  tallyByProcess: number[];
  postgres: number;
  /** PostgreSQL's share by the client its backends serve. */
  postgresBy: Record<string, number>;
  redis: number;
  loadGenerator: number;
  machine: number;
}

/** CPU ms per request of each party between two snapshots; `roles` from postgresBackendRoles. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number, roles: ReadonlyMap<number, string> = new Map()): CpuCost {
  const n = Math.max(1, requests);
  const per = (key: 'tally' | 'postgres' | 'redis' | 'loadGenerator' | 'machine'): number => (after[key] - before[key]) / n;
  const postgresBy: Record<string, number> = {};
  for (const [pid, used] of after.postgresByPid) {
    const role = roles.get(pid) ?? 'other';
    postgresBy[role] = (postgresBy[role] ?? 0) + (used - (before.postgresByPid.get(pid) ?? 0)) / n;
  }
  const tallyByProcess = after.tallyByProcess.map((used, i) => (used - before.tallyByProcess[i]) / n);
  return { tally: per('tally'), tallyByProcess, postgres: per('postgres'), postgresBy, redis: per('redis'), loadGenerator: per('loadGenerator'), machine: per('machine') };
}

export function formatCpu(cost: CpuCost): string {
  const f = (value: number): string => value.toFixed(2);
  const roles = Object.entries(cost.postgresBy)
    .filter(([, value]) => value >= 0.005)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, value]) => `${role} ${f(value)}`);
  const postgres = roles.length > 0 ? `postgres ${f(cost.postgres)} (${roles.join(', ')})` : `postgres ${f(cost.postgres)}`;
  return `tally ${f(cost.tally)} + ${postgres} + redis ${f(cost.redis)} + load generator ${f(cost.loadGenerator)}; machine ${f(cost.machine)} ms`;
}

function cpuByProcessName(names: readonly string[]): { totals: Map<string, number>; postgresByPid: Map<number, number> } {
  const totals = new Map<string, number>();
  const postgresByPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!names.includes(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      // utime + stime. Not the waited-for children's: a backend ending in the window would add
      // its whole life's CPU to the postmaster's.
      const used = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      totals.set(name, (totals.get(name) ?? 0) + used);
      if (name === 'postgres') postgresByPid.set(Number(entry), used);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { totals, postgresByPid };
}

/** Busy time of all cores (everything but idle and iowait), ms. */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}
