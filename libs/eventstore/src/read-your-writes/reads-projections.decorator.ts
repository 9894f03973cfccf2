import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiReadPosition } from '@tally/platform';
import { ReadPositionInterceptor } from './read-position.interceptor';
import { READS_PROJECTIONS } from './reads-projections.metadata';

/**
 * Names the projections (read models) a read route answers from. A request that carries a log
 * position (Tally-Position header or `?position=`) waits until they have applied it, or gets
 * 503 with Retry-After past READ_POSITION_WAIT_MS. Only routes marked so pay for the check.
 */
export function ReadsProjections(...projections: [string, ...string[]]): MethodDecorator {
  return applyDecorators(SetMetadata(READS_PROJECTIONS, projections), UseInterceptors(ReadPositionInterceptor), ApiReadPosition());
}
