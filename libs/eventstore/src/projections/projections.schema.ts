import { ContextSchema } from '@tally/platform';
import { Migration20261125000050_eventstore_projections } from './projections.migrations';

/** es_checkpoints and es_dead_letters; list it in DatabaseModule.forRoot beside eventStoreSchema. */
export const projectionsSchema: ContextSchema = {
  entities: [],
  migrations: [{ name: 'Migration20261125000050_eventstore_projections', class: Migration20261125000050_eventstore_projections }],
};
