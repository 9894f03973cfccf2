import { applyDecorators, CanActivate, Injectable, UseGuards } from '@nestjs/common';
import { ApiProblem } from '@tally/platform';
import { BackpressureGate } from './backpressure-gate';
import { BackpressureError } from './backpressure.errors';

/** Refuses the request with 503 + Retry-After while the gate says the read side is too far behind. */
@Injectable()
export class LoadSheddingGuard implements CanActivate {
  constructor(private readonly gate: BackpressureGate) {}

  canActivate(): boolean {
    const overload = this.gate.overload();
    if (overload) throw new BackpressureError(`Not accepting this now: ${overload}`, this.gate.config.retryAfterSeconds);
    return true;
  }
}

/**
 * A write path that feeds projections and sheds load when they lag past the configured depth
 * (BACKPRESSURE_*): after the global auth guard, before the body is parsed or a command runs.
 */
export const ShedsLoad = (): MethodDecorator =>
  applyDecorators(UseGuards(LoadSheddingGuard), ApiProblem(503, 'The read side is too far behind (overloaded), or a data store is unavailable; retry after Retry-After.'));
