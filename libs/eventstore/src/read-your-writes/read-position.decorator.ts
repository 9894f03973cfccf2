import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GlobalPosition } from '../event-store.port';

/** The raw request carries the position a read waited for under this key (set by ReadPositionInterceptor). */
export interface WithReadPosition {
  tallyReadPosition?: GlobalPosition;
}

/**
 * The log position this read waited for, or null when the caller sent none: a route that caches
 * its answers (the leaderboard) builds a fresh one when the caller asks to see its own write.
 */
export const ReadPosition = createParamDecorator((_data: unknown, host: ExecutionContext): GlobalPosition | null => {
  return host.switchToHttp().getRequest<WithReadPosition>().tallyReadPosition ?? null;
});
