import { AsyncLocalStorage } from 'node:async_hooks';
import { GlobalPosition } from '../event-store.port';

/** Where one request notes the log position its appends reached (the latest, when it made several). */
export interface WrittenPosition {
  position: GlobalPosition | null;
}

// One store for the whole process: the HTTP layer opens a scope per request, the command runner
// writes into whichever scope its append runs in. Outside a request (jobs, reactors) there is none.
const scopes = new AsyncLocalStorage<WrittenPosition>();

/** Runs `next` (the rest of a request) with `holder` collecting the positions its appends produce. */
export function collectWrittenPosition(holder: WrittenPosition, next: () => void): void {
  scopes.run(holder, next);
}

/**
 * Called after every successful append, and by a read whose answer shows what others appended
 * (a payment's credits, granted by a reactor) to hand that position on; a no-op outside a request scope.
 */
export function noteWrittenPosition(position: GlobalPosition): void {
  const holder = scopes.getStore();
  // Positions sort as text (EVENTSTORE.md §1): keep the furthest one a request reached.
  if (holder && (holder.position === null || position > holder.position)) holder.position = position;
}
