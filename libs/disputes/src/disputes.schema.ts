import { ContextSchema } from '@tally/platform';
import { Migration20261204183000_disputes_init } from './migrations/Migration20261204183000_disputes_init';

/** The dispute read model is written with SQL only (its projection), so no entities. */
export const disputesSchema: ContextSchema = {
  entities: [],
  migrations: [{ name: 'Migration20261204183000_disputes_init', class: Migration20261204183000_disputes_init }],
};
