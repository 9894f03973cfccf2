import { ContextSchema } from '@tally/platform';
import { Migration20261204110000_ratelimit_init } from './migrations/Migration20261204110000_ratelimit_init';
import { RateLimitAttemptRow, RateLimitBlockRow, RateLimitRuleRow } from './read-models/ratelimit.entities';

export const ratelimitSchema: ContextSchema = {
  entities: [RateLimitRuleRow, RateLimitBlockRow, RateLimitAttemptRow],
  migrations: [{ name: 'Migration20261204110000_ratelimit_init', class: Migration20261204110000_ratelimit_init }],
};
