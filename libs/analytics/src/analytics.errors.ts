/**
 * The sink did not take a batch (unreachable, timed out, refused it). Deliberately not one of
 * the runner's "transient" failures (no SQLSTATE or socket code, no cause chain): those are
 * database blips retried for ever, whereas a sink outage follows the reactor path — quick
 * retries, the batch split down to the event at fault, that event parked (es_dead_letters) and
 * retried in the background, the reactor stalled and backing off after
 * PROJECTIONS_MAX_PARKED_IN_A_ROW parked events, and an operator's replay for what stays parked.
 */
export class AnalyticsSinkError extends Error {
  constructor(
    readonly sink: string,
    reason: string,
  ) {
    super(`Analytics sink ${sink} did not take the batch: ${reason}`);
    this.name = 'AnalyticsSinkError';
  }
}

/** The reason of an underlying failure, as text (its message and its cause's, if any). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
