import { ContextSchema } from '@tally/platform';
import { Migration20261125000050_eventstore_projections, Migration20261127090000_eventstore_dead_letter_retries } from './projections.migrations';

/** es_checkpoints and es_dead_letters; list it in DatabaseModule.forRoot beside eventStoreSchema. */
export const projectionsSchema: ContextSchema = {
  entities: [],
  migrations: [
    { name: 'Migration20261125000050_eventstore_projections', class: Migration20261125000050_eventstore_projections },
    { name: 'Migration20261127090000_eventstore_dead_letter_retries', class: Migration20261127090000_eventstore_dead_letter_retries },
  ],
};
