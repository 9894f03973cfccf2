import { eventStoreSchema, projectionsSchema } from '@tally/eventstore';
import { jobsSchema } from '@tally/jobs';
import { ContextSchema } from '@tally/platform';
import { contextSchemas } from './contexts';

/** Every table every Tally process may touch: the event store's, projections', jobs' and each context's. */
export const databaseSchemas: ContextSchema[] = [eventStoreSchema, projectionsSchema, jobsSchema, ...contextSchemas];
