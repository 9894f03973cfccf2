/**
 * Read-your-writes on the wire (docs/API.md "Read your writes"): every write answers with the
 * log position it reached in this header; a read sends it back (the same header, or the query
 * parameter) to be answered only once its read models have applied that position.
 */
export const POSITION_HEADER = 'Tally-Position';
export const POSITION_QUERY = 'position';

/** Both event store adapters' positions: `<20 digits>:<19 or 20 digits>`, sortable as text. */
export const POSITION_PATTERN = /^\d{20}:\d{19,20}$/;
export const POSITION_EXAMPLE = '00000000000000000812:0000000000000004711';
