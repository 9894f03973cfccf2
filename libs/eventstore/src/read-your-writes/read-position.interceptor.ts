import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from '../projections/projections.config';
import { takeReadPosition } from './read-position';
import { WithReadPosition } from './read-position.decorator';
import { ReadPositionWaiter } from './read-position-waiter';
import { READS_PROJECTIONS } from './reads-projections.metadata';
import { ReadYourWritesError } from './read-your-writes.errors';

/**
 * Holds a read until the projections its route names (@ReadsProjections) have applied the
 * position the caller sent, after the guards (no waiting for callers who are refused anyway)
 * and before the pipes (which would refuse `?position=` as an unknown query field).
 */
@Injectable()
export class ReadPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ReadPositionWaiter,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Parameters<typeof takeReadPosition>[0] & WithReadPosition>();
    const position = takeReadPosition(request);
    if (position === null) return next.handle();
    request.tallyReadPosition = position;
    const projections = this.reflector.get<readonly string[] | undefined>(READS_PROJECTIONS, context.getHandler()) ?? [];
    if (!(await this.waiter.waitFor(projections, position))) {
      // A stale answer (a 404 for what the caller just created) would be worse than "retry".
      throw new ReadYourWritesError('READ.NOT_CAUGHT_UP', `The read model has not applied ${position} within ${this.config.readWaitMs} ms; retry`, {
        position,
        retryAfterSeconds: 1,
      });
    }
    return next.handle();
  }
}
