/** How long to wait before the next try: doubles per attempt from `baseMs`, capped, ±20 % jitter. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

// SQLSTATE classes and codes that say "the database could not do it right now", not "this
// event cannot be applied": connection exceptions (08), operator intervention (57P0x),
// insufficient resources (53), serialization failures and deadlocks (40), lock timeouts.
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01|55P03|57014)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const TRANSIENT_MESSAGES = [
  'connection terminated',
  'connection error',
  'timeout acquiring a connection',
  'query read timeout',
  'timeout exceeded when trying to connect',
  'client was closed',
  'not queryable',
  'handler disconnected',
];

/**
 * Infrastructure failures are retried for ever by the runner and never parked: parking a good
 * event because the database blinked would silently drop it from the read model.
 */
export function isTransientFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') break;
    const candidate = current as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown };
    for (const code of [candidate.code, candidate.sqlState]) {
      if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
    }
    const message = typeof candidate.message === 'string' ? candidate.message.toLowerCase() : '';
    if (TRANSIENT_MESSAGES.some((fragment) => message.includes(fragment))) return true;
    current = candidate.cause;
  }
  return false;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (a stopping runner never waits out a backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The runner was asked to stop while it waited. */
export class StoppedError extends Error {
  constructor() {
    super('Projection runner stopped');
    this.name = 'StoppedError';
  }
}
