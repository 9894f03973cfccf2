import { ContextSchema } from '@tally/platform';
import { Migration20261204180000_notifications_init } from './migrations/Migration20261204180000_notifications_init';
import { Migration20261204183000_notifications_rank_watch } from './migrations/Migration20261204183000_notifications_rank_watch';
import { Migration20261204190000_notifications_audience_positions } from './migrations/Migration20261204190000_notifications_audience_positions';
import { NOTIFICATIONS_ENTITIES } from './read-models/notifications.entities';

export const notificationsSchema: ContextSchema = {
  entities: NOTIFICATIONS_ENTITIES,
  migrations: [
    { name: 'Migration20261204180000_notifications_init', class: Migration20261204180000_notifications_init },
    { name: 'Migration20261204183000_notifications_rank_watch', class: Migration20261204183000_notifications_rank_watch },
    { name: 'Migration20261204190000_notifications_audience_positions', class: Migration20261204190000_notifications_audience_positions },
  ],
};
