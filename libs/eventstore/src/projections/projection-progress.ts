import { Injectable } from '@nestjs/common';
import { GlobalPosition } from '../event-store.port';

/**
 * How far each projection this process runs has applied the log, kept by the runner so a read
 * waiting for a position (read-your-writes) is woken when a batch commits instead of polling the
 * checkpoints. "Applied through P" means every event the projection's filter takes up to P is in
 * its tables: the checkpoint after a batch, or further, the head a short read had seen before it
 * started (the runner's skip cursor), which the checkpoint only records every few seconds.
 */
@Injectable()
export class ProjectionProgress {
  private readonly applied = new Map<string, GlobalPosition>();
  private readonly wakers = new Set<() => void>();

  advance(projection: string, position: GlobalPosition | null): void {
    if (position === null) return;
    const current = this.applied.get(projection);
    // Positions sort as text (EVENTSTORE.md §1).
    if (current !== undefined && current >= position) return;
    this.applied.set(projection, position);
    if (this.wakers.size > 0) for (const wake of [...this.wakers]) wake();
  }

  /** This process no longer runs the projection (stopped, standby): its waiters read the checkpoints instead. */
  forget(projection: string): void {
    this.applied.delete(projection);
  }

  /** Undefined when this process does not run the projection right now. */
  appliedThrough(projection: string): GlobalPosition | undefined {
    return this.applied.get(projection);
  }

  /** Resolves at the next advance of any projection, or after `ms`. */
  nextAdvance(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
