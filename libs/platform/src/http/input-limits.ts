/**
 * Bounds shared by request DTOs, taken from the read models' columns: counts are stored in
 * PostgreSQL `integer` columns, so no count a command accepts may exceed them (a vote cap of
 * 1e308 passes @IsInt() and then fails its projection).
 */
export const MAX_INT32 = 2_147_483_647;
