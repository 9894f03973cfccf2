/** The pg pool of the write side (event store appends, checkpoints). */
export const PG_POOL = Symbol('PgPool');
/** Where the database is: a server URL, or the embedded PGlite started for this process. */
export const DATABASE_LOCATION = Symbol('DatabaseLocation');
