import { ContextSchema } from '@tally/platform';
import { Migration20261204153000_blockchain_anchors } from './chain/migrations/Migration20261204153000_blockchain_anchors';
import { Migration20261204150000_anchoring_log } from './migrations/Migration20261204150000_anchoring_log';

/** The anchoring context's read models and migrations (the Merkle log, tree heads, snapshots, anchors). */
export const anchoringSchema: ContextSchema = {
  entities: [],
  migrations: [
    { name: 'Migration20261204150000_anchoring_log', class: Migration20261204150000_anchoring_log },
    { name: 'Migration20261204153000_blockchain_anchors', class: Migration20261204153000_blockchain_anchors },
  ],
};
