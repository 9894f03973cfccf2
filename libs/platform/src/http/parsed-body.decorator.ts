/**
 * Marks a request DTO whose route parses the body itself (a hand-written parser on a hot path)
 * instead of through the global class-validator pipe, which then leaves it alone. The class
 * still describes the body for OpenAPI and for TypeScript.
 */
const PARSED_BY_ROUTE = Symbol('ParsedByRoute');

export function ParsedByRoute(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(PARSED_BY_ROUTE, true, target);
  };
}

export function isParsedByRoute(type: unknown): boolean {
  return typeof type === 'function' && Reflect.getMetadata(PARSED_BY_ROUTE, type) === true;
}
