import { ContextSchema } from '@tally/platform';
import { Migration20261204110000_fraud_cases } from './migrations/Migration20261204110000_fraud_cases';

/** The fraud context's read models and migrations. */
export const fraudSchema: ContextSchema = {
  entities: [],
  migrations: [{ name: 'Migration20261204110000_fraud_cases', class: Migration20261204110000_fraud_cases }],
};
