/**
 * Whether a server's `select version()` is PGlite's. Through pglite-socket every connection
 * shares PGlite's one session: session-level advisory locks are shared by all of them, and a read
 * issued during another connection's transaction waits for it. Callers adapt to both.
 */
export function isSharedSessionServer(version: string | undefined): boolean {
  return /PGlite/i.test(version ?? '');
}
