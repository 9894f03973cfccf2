import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { problemType, PROBLEM_CONTENT_TYPE } from '@tally/platform';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

/** What a framework error may say: its message repeats the URL, which may be thousands of characters. */
const FRAMEWORK_DETAILS: Record<string, { slug: string; detail: string }> = {
  FST_ERR_BAD_URL: { slug: 'bad-request', detail: 'The URL holds a malformed percent-encoding' },
  FST_ERR_MAX_PARAM_LENGTH: { slug: 'uri-too-long', detail: 'A path parameter is longer than any Tally id' },
};

/**
 * Errors Fastify answers before Nest sees the request (a path parameter over maxParamLength, a
 * bad percent-encoding) leave as problem+json like every other error, without the raw URL.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  const known = FRAMEWORK_DETAILS[error.code] ?? { slug: status >= 500 ? 'internal' : 'bad-request', detail: STATUS_CODES[status] ?? 'Error' };
  void reply
    .status(status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send({ type: problemType(known.slug), title: STATUS_CODES[status] ?? 'Error', status, detail: known.detail, instance: pathOf(request.url) });
}

/**
 * Errors Node's HTTP parser meets before Fastify (headers too large, a malformed request line,
 * a client too slow): answered on the socket as problem+json, then the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({ type: problemType(status === 400 ? 'bad-request' : title.toLowerCase().replace(/\W+/g, '-')), title, status, detail: 'The request could not be read' });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** The path without its query string, cut to a length worth logging. */
function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length <= 256 ? path : `${path.slice(0, 256)}…`;
}

export const FRAMEWORK_ERROR_OPTIONS: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: frameworkErrorHandler,
  clientErrorHandler,
};
