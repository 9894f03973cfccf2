/**
 * Metadata keys of the access decorators, read by the global auth guard (identity) and by the
 * OpenAPI decorators (api-docs.decorators.ts). A file of their own so that the access
 * decorators can document themselves without the two files importing each other.
 */
export const IS_PUBLIC = 'tally:isPublic';
export const REQUIRED_ROLES = 'tally:requiredRoles';
