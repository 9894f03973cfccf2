import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OBSERVABILITY_CONFIG, ObservabilityConfig } from './observability.config';
import { observabilityError } from './observability.errors';

/**
 * Lets a scrape through as the observability config says (see MetricsAccess). The route is
 * @Public() for the global user-token guard; this guard is its own check, with its own token.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  /** SHA-256 of the token: comparing digests takes the same time whatever the length sent. */
  private readonly expected: Buffer | null;

  constructor(@Inject(OBSERVABILITY_CONFIG) private readonly config: ObservabilityConfig) {
    const metrics = config.metrics;
    this.expected = metrics.mode === 'token' ? digest(metrics.token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const access = this.config.metrics.mode;
    switch (access) {
      case 'open':
        return true;
      case 'off':
        throw observabilityError('OBSERVABILITY.METRICS_NOT_SERVED', 'Metrics are not served here: set METRICS_TOKEN to scrape them');
      case 'token': {
        const http = context.switchToHttp();
        const sent = bearer(http.getRequest<FastifyRequest>().headers.authorization);
        if (sent && this.expected && timingSafeEqual(digest(Buffer.from(sent, 'utf8')), this.expected)) return true;
        void http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw observabilityError('OBSERVABILITY.METRICS_TOKEN_REQUIRED', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
      }
      default: {
        const unknown: never = access;
        throw new Error(`Unknown metrics access ${String(unknown)}`);
      }
    }
  }
}

function bearer(header: string | undefined): string | null {
  return (header === undefined ? null : /^Bearer (\S+)$/i.exec(header.trim())?.[1]) ?? null;
}

function digest(value: Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}
