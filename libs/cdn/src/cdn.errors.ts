/**
 * The purge endpoint did not take a purge. Not a database "transient" failure (no socket code or
 * cause chain): it follows the reactor path (retried, parked, retried in the background), and
 * meanwhile the short s-maxage bounds how stale a cached leaderboard can be.
 */
export class CdnPurgeError extends Error {
  constructor(reason: string) {
    super(`CDN purge failed: ${reason}`);
    this.name = 'CdnPurgeError';
  }
}
