import { ContextSchema } from '@tally/platform';

/** The fraud context's read models and migrations. */
export const fraudSchema: ContextSchema = {
  entities: [],
  migrations: [],
};
