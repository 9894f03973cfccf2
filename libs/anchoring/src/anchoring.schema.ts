import { ContextSchema } from '@tally/platform';

/** The anchoring context's read models and migrations (the Merkle log, tree heads, snapshots, anchors). */
export const anchoringSchema: ContextSchema = {
  entities: [],
  migrations: [],
};
