import { ContextSchema } from '@tally/platform';
import { TenancyModule, tenancySchema } from '@tally/tenancy';

/**
 * The bounded contexts the API serves. Each context contributes its Nest module (commands,
 * queries, controllers, projections) and its schema (read entities and migrations).
 */
export const contextModules = [TenancyModule];

export const contextSchemas: ContextSchema[] = [tenancySchema];
