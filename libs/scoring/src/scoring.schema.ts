import { ContextSchema } from '@tally/platform';
import { Migration20261204143000_scoring_init } from './migrations/Migration20261204143000_scoring_init';
import { SCORING_ENTITIES } from './read-models/scoring.entities';

export const scoringSchema: ContextSchema = {
  entities: SCORING_ENTITIES,
  migrations: [{ name: 'Migration20261204143000_scoring_init', class: Migration20261204143000_scoring_init }],
};
