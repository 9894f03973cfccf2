import { EventStoreUnavailableError } from '../event-store.errors';

// SQLSTATE classes 08 (connection exception), 57P0x (admin/crash shutdown, cannot connect now),
// 53300 (too many connections), plus the socket errors and messages node-postgres raises itself.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly|Cannot use a pool after calling end/i;

export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed: socket errors may come from another realm (Jest's sandbox), failing instanceof.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || SERVER_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/** Connection failures become EventStoreUnavailableError (HTTP 503); everything else passes as is. */
export function mapPgError(error: unknown): unknown {
  return isConnectionFailure(error) ? new EventStoreUnavailableError(error) : error;
}
