/**
 * Group commit: appends to several streams in one call, one transaction, one commit. Each item
 * is an ordinary es_append (its own expectation, idempotency and tombstone checks), so one
 * stream's conflict is that item's status and does not touch the others. Events come as flat
 * arrays; p_counts[i] says how many belong to item i. Callers pass items sorted by stream id so
 * two batches always lock streams in the same order (no deadlock). At most one NOTIFY per call.
 */
export const EVENT_STORE_APPEND_MANY_UP: readonly string[] = [
  `CREATE FUNCTION es_append_many(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_metadata jsonb[], p_notify boolean
  ) RETURNS TABLE (item int, status smallint, revision bigint, tx xid8, pos bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_from int := 1;
    v_to int;
    r record;
  BEGIN
    FOR i IN 1 .. coalesce(cardinality(p_streams), 0) LOOP
      v_to := v_from + p_counts[i] - 1;
      SELECT a.status, a.revision, a.tx, a.pos INTO r
        FROM es_append(p_streams[i], p_ids[v_from:v_to], p_types[v_from:v_to], p_versions[v_from:v_to],
                       p_data[v_from:v_to], p_metadata[v_from:v_to], p_expected[i], p_notify AND i = 1) a;
      item := i - 1; status := r.status; revision := r.revision; tx := r.tx; pos := r.pos;
      RETURN NEXT;
      v_from := v_to + 1;
    END LOOP;
  END
  $fn$`,
];

export const EVENT_STORE_APPEND_MANY_DOWN: readonly string[] = [
  `DROP FUNCTION IF EXISTS es_append_many(text[], bigint[], int[], uuid[], text[], int[], jsonb[], jsonb[], boolean)`,
];
