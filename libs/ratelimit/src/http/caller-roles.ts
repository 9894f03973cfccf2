import { RequestContext } from '@tally/platform';

/** Platform admins may set platform-wide rules; the request's metadata comes from @RequestMetadata(). */
export function isPlatformAdmin(ctx: RequestContext): boolean {
  return ctx.actor?.roles.includes('platform_admin') ?? false;
}
