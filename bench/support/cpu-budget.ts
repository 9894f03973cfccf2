/**
 * Where the machine's CPU goes during a measurement, from /proc (Linux): the Tally processes,
 * PostgreSQL (every `postgres` process on the machine), Redis, this bench process (the load
 * generator) and the whole machine. On a small machine every party shares the same cores, so
 * "CPU per request" of each, side by side, shows what bounds a rate and what a ratio between
 * two rates can be at most.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuMs } from './server';

export interface CpuSnapshot {
  tally: number;
  postgres: number;
  redis: number;
  loadGenerator: number;
  machine: number;
}

export function cpuSnapshot(tallyPids: readonly (number | undefined)[]): CpuSnapshot {
  const byName = cpuByProcessName(['postgres', 'redis-server']);
  const own = process.cpuUsage();
  return {
    tally: tallyPids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0),
    postgres: byName.get('postgres') ?? 0,
    redis: byName.get('redis-server') ?? 0,
    loadGenerator: (own.user + own.system) / 1000,
    machine: machineBusyMs(),
  };
}

/** CPU ms per request of each party between two snapshots. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuSnapshot {
  const per = (key: keyof CpuSnapshot): number => (after[key] - before[key]) / Math.max(1, requests);
  return { tally: per('tally'), postgres: per('postgres'), redis: per('redis'), loadGenerator: per('loadGenerator'), machine: per('machine') };
}

export function formatCpu(cost: CpuSnapshot): string {
  const f = (value: number): string => value.toFixed(2);
  return `tally ${f(cost.tally)} + postgres ${f(cost.postgres)} + redis ${f(cost.redis)} + load generator ${f(cost.loadGenerator)}; machine ${f(cost.machine)} ms`;
}

function cpuByProcessName(names: readonly string[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!names.includes(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      // utime + stime. Not the waited-for children's: a backend ending in the window would add
      // its whole life's CPU to the postmaster's.
      const ticks = Number(fields[11]) + Number(fields[12]);
      totals.set(name, (totals.get(name) ?? 0) + (ticks * 1000) / 100);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return totals;
}

/** Busy time of all cores (everything but idle and iowait), ms. */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}
