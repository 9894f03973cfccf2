/** Metadata key of @ReadsProjections: the projection names a read route answers from. */
export const READS_PROJECTIONS = Symbol('ReadsProjections');
