import { streamName } from '@tally/eventstore';
import { RATE_LIMIT_CATEGORY } from './ratelimit.events';

/** Platform-level streams live under the pseudo-tenant `platform`, as tenancy's do. */
export const PLATFORM_OWNER = 'platform';

/** One stream per owner holds its rules: `ratelimit-platform.rules` or `ratelimit-<tenantId>.rules`. */
export const rulesStream = (owner: string): string => streamName(RATE_LIMIT_CATEGORY, owner, 'rules');

/** Blocks are platform-wide (an address is abusive whatever tenant it calls). */
export const blocksStream = (): string => streamName(RATE_LIMIT_CATEGORY, PLATFORM_OWNER, 'blocks');
