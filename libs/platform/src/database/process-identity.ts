import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { relative } from 'node:path';

/** Who holds the embedded database: enough to tell later whether that very process still runs. */
export interface ProcessIdentity {
  pid: number;
  /**
   * The kernel's start time of the process (/proc/<pid>/stat field 22, clock ticks since boot);
   * absent where there is no /proc. A live pid with another start time is a new process that
   * reused the number, so the lock it seems to hold is stale.
   */
  startTime?: string;
  host: string;
  /** The command line, for the operator reading the refusal. */
  command: string;
  /** When it took the database, ISO 8601. */
  since: string;
}

/** Whether the recorded owner still runs; `unknown` when it ran on another host (shared volume). */
export type OwnerState = 'alive' | 'gone' | 'unknown';

export function currentProcessIdentity(now: Date = new Date()): ProcessIdentity {
  const startTime = readProcStat(process.pid)?.startTime;
  return { pid: process.pid, ...(startTime ? { startTime } : {}), host: hostname(), command: commandLine(), since: now.toISOString() };
}

export function ownerState(owner: ProcessIdentity): OwnerState {
  // A pid means nothing in another host's (or container's) process table.
  if (owner.host !== hostname()) return 'unknown';
  if (!signalable(owner.pid)) return 'gone';
  const stat = readProcStat(owner.pid);
  if (!stat) return 'alive';
  // A killed child its parent has not reaped yet still answers signals, but holds nothing.
  if (stat.state === 'Z' || stat.state === 'X') return 'gone';
  if (owner.startTime && stat.startTime !== owner.startTime) return 'gone';
  return 'alive';
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProcStat(pid: number): { state: string; startTime: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 is the command name in parentheses and may itself hold spaces or parentheses, so
  // count fields from the last ')': field 3 (state) comes first, field 22 (starttime) 19 later.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 19 ? { state: fields[0], startTime: fields[19] } : undefined;
}

function commandLine(): string {
  const [, script, ...args] = process.argv;
  const shown = script ? relative(process.cwd(), script) || script : '';
  return ['node', shown, ...args].filter(Boolean).join(' ');
}
