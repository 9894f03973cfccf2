import { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@tally/platform';

type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> };
type Operation = { responses?: Record<string, Response> };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

const HEADERS = {
  RateLimit: {
    description: 'draft-ietf-httpapi-ratelimit-headers: each rule that counted this request, as `"<rule>";r=<remaining>;t=<seconds to reset>`, the most constrained first. Present when a rule applies to the route.',
    schema: { type: 'string', example: '"user-votes-per-hour";r=3597;t=3540, "ip-requests-per-minute";r=1187;t=41' },
  },
  'RateLimit-Policy': {
    description: 'draft-ietf-httpapi-ratelimit-headers: the same rules as `"<rule>";q=<limit>;w=<window seconds>` (fixed windows).',
    schema: { type: 'string', example: '"user-votes-per-hour";q=3600;w=3600, "ip-requests-per-minute";q=1200;w=60' },
  },
} as const;

const REFUSAL =
  'Rate limited (type `rate-limited`, naming the rule in `rule`) or the client network is blocked (type `client-blocked`); retry after Retry-After seconds. ' +
  'Rules are set with POST /api/ratelimit/rules; by default every route is limited per client address (ip-requests-per-minute).';

/**
 * Every route is subject to the rules (the default platform rule covers `*`), and the guard sets
 * the headers in one place at run time, so they are documented in one place too, on the
 * finished document: RateLimit and RateLimit-Policy on every answer, and a 429 problem with
 * Retry-After on every operation (merged into a 429 the operation already documents).
 */
export function documentRateLimits(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!HTTP_METHODS.has(method) || !operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) response.headers = { ...response.headers, ...HEADERS };
      }
      const existing = operation.responses['429'];
      operation.responses['429'] = {
        ...existing,
        description: existing?.description ? `${existing.description}\n\n${REFUSAL}` : REFUSAL,
        content: existing?.content ?? { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        headers: {
          ...existing?.headers,
          'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
          ...HEADERS,
        },
      };
    }
  }
  return document;
}
