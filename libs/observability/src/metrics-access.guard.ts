import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MetricsAccessCheck } from './metrics-access';
import { OBSERVABILITY_CONFIG, ObservabilityConfig } from './observability.config';
import { observabilityError } from './observability.errors';

/**
 * Lets a scrape through as the observability config says (see MetricsAccess). The route is
 * @Public() for the global user-token guard; this guard is its own check, with its own token.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly check: MetricsAccessCheck;

  constructor(@Inject(OBSERVABILITY_CONFIG) config: ObservabilityConfig) {
    this.check = new MetricsAccessCheck(config.metrics);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const verdict = this.check.verdict(http.getRequest<FastifyRequest>().headers.authorization);
    switch (verdict) {
      case 'allowed':
        return true;
      case 'not-served':
        throw observabilityError('OBSERVABILITY.METRICS_NOT_SERVED', 'Metrics are not served here: set METRICS_TOKEN to scrape them');
      case 'token-required':
        void http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw observabilityError('OBSERVABILITY.METRICS_TOKEN_REQUIRED', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
      default: {
        const unknown: never = verdict;
        throw new Error(`Unknown verdict ${String(unknown)}`);
      }
    }
  }
}
