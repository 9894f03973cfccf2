import { RouteConfig } from '@nestjs/platform-fastify';

/** The Fastify route config key read by the API's request-scope hook. */
export const WITHOUT_ENTITY_MANAGER = 'withoutEntityManager';

/**
 * A route whose handler never touches MikroORM's EntityManager (it goes through the event
 * store or the pg pool): the request skips forking a request-scoped EntityManager, which costs
 * more than some such handlers. Using the EntityManager there fails loudly (no global context).
 */
export function WithoutEntityManager(): MethodDecorator {
  return RouteConfig({ [WITHOUT_ENTITY_MANAGER]: true });
}

export function isWithoutEntityManager(config: unknown): boolean {
  return typeof config === 'object' && config !== null && (config as Record<string, unknown>)[WITHOUT_ENTITY_MANAGER] === true;
}
