import { EVENTS_CHANNEL } from './eventstore-schema.sql';
import { EVENT_STORE_APPEND_CONDITIONS_UP } from './eventstore-append-conditions.sql';

/**
 * es_append_many_if, set-based. The first version ran es_append_if once per item: for a batch of
 * votes that is a function call, a condition check, an UPDATE and an INSERT per vote, and the
 * per-statement work was most of PostgreSQL's CPU per vote (pg_stat_statements under
 * bench:votes). Now the items that cannot interact with the rest of the batch go through one
 * UPDATE and one INSERT for all of them, and only the others take the per-item path.
 *
 * An item takes the set-based path when its expectation is an exact revision, its stream
 * appears once in the batch, its conditions hold (checked after es_lock_streams, so they stay
 * true until commit) and no stream of the batch is also a condition of the batch. Such an item
 * touches only its own stream, which nothing else in the batch reads or writes, so running it
 * before the others gives each item exactly the result the one-by-one order gives. Its UPDATE
 * is es_append_if's fast path (revision still the expected one, not tombstoned); an item whose
 * stream has moved falls through to the per-item path, which diagnoses conflicts and
 * idempotent retries as before.
 *
 * Locks: es_lock_streams takes the condition streams (FOR SHARE) and the appended streams
 * sorting before them, in stream order; the set-based items' rows are then locked FOR UPDATE in
 * one statement ordered by stream id (LockRows runs above the sort), so the order still holds.
 */
export const EVENT_STORE_APPEND_MANY_SET_UP: readonly string[] = [
  `CREATE OR REPLACE FUNCTION es_append_many_if(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_metadata jsonb[], p_notify boolean,
    p_cond_counts int[], p_cond_streams text[], p_cond_revisions bigint[]
  ) RETURNS TABLE (item int, status smallint, revision bigint, tx xid8, pos bigint, cond_stream text)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_n int := coalesce(cardinality(p_streams), 0);
    v_ev_from int[] := '{}';
    v_cond_from int[] := '{}';
    v_next_ev int := 1;
    v_next_cond int := 1;
    v_eligible int[] := '{}';
    v_done int[] := '{}';
    v_notify boolean := p_notify;
    r record;
  BEGIN
    PERFORM es_lock_streams(p_streams, p_cond_streams);
    FOR i IN 1 .. v_n LOOP
      v_ev_from := v_ev_from || v_next_ev;
      v_cond_from := v_cond_from || v_next_cond;
      v_next_ev := v_next_ev + p_counts[i];
      v_next_cond := v_next_cond + p_cond_counts[i];
    END LOOP;

    IF v_n > 1 AND NOT EXISTS (SELECT 1 FROM unnest(p_cond_streams) AS c WHERE c = ANY (p_streams)) THEN
      SELECT coalesce(array_agg(u.i ORDER BY u.i), '{}') INTO v_eligible
        FROM (
          SELECT a.i::int AS i, a.e, count(*) OVER (PARTITION BY a.s) AS same_stream
          FROM unnest(p_streams, p_expected) WITH ORDINALITY AS a(s, e, i)
        ) u
        WHERE u.e >= 0 AND u.same_stream = 1
          AND NOT EXISTS (
            SELECT 1 FROM es_failed_condition(
              coalesce(p_cond_streams[v_cond_from[u.i] : v_cond_from[u.i] + p_cond_counts[u.i] - 1], '{}'),
              coalesce(p_cond_revisions[v_cond_from[u.i] : v_cond_from[u.i] + p_cond_counts[u.i] - 1], '{}')) f);

      IF cardinality(v_eligible) > 0 THEN
        PERFORM 1 FROM es_streams s
          WHERE s.stream_id = ANY (SELECT p_streams[k] FROM unnest(v_eligible) AS k)
          ORDER BY s.stream_id COLLATE "C"
          FOR UPDATE;
        WITH bumped AS (
          UPDATE es_streams s SET revision = p_expected[k.i] + p_counts[k.i], state = 'active'
            FROM unnest(v_eligible) AS k(i)
            WHERE s.stream_id = p_streams[k.i] AND s.revision = p_expected[k.i] AND s.state <> 'tombstoned'
            RETURNING k.i
        )
        SELECT coalesce(array_agg(b.i ORDER BY b.i), '{}') INTO v_done FROM bumped b;
      END IF;

      IF cardinality(v_done) > 0 THEN
        RETURN QUERY
          WITH written AS (
            INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
              SELECT p_streams[d.i], p_expected[d.i] + (g.k - v_ev_from[d.i] + 1), p_ids[g.k], p_types[g.k], p_versions[g.k], p_data[g.k], p_metadata[g.k]
              FROM unnest(v_done) AS d(i)
              CROSS JOIN LATERAL generate_series(v_ev_from[d.i], v_ev_from[d.i] + p_counts[d.i] - 1) AS g(k)
              ORDER BY d.i, g.k
              RETURNING es_events.stream_id, es_events.global_position
          )
          SELECT d.i - 1, 0::smallint, p_expected[d.i] + p_counts[d.i], pg_current_xact_id(), max(w.global_position), NULL::text
            FROM unnest(v_done) AS d(i)
            JOIN written w ON w.stream_id = p_streams[d.i]
            GROUP BY d.i;
        IF v_notify THEN
          PERFORM pg_notify('${EVENTS_CHANNEL}', '');
          v_notify := false;
        END IF;
      END IF;
    END IF;

    -- Everything else, one by one in the order given (sorted by stream), as before.
    FOR i IN 1 .. v_n LOOP
      CONTINUE WHEN i = ANY (v_done);
      SELECT a.status, a.revision, a.tx, a.pos, a.cond_stream INTO r
        FROM es_append_if(p_streams[i],
                          p_ids[v_ev_from[i] : v_ev_from[i] + p_counts[i] - 1], p_types[v_ev_from[i] : v_ev_from[i] + p_counts[i] - 1],
                          p_versions[v_ev_from[i] : v_ev_from[i] + p_counts[i] - 1], p_data[v_ev_from[i] : v_ev_from[i] + p_counts[i] - 1],
                          p_metadata[v_ev_from[i] : v_ev_from[i] + p_counts[i] - 1], p_expected[i], v_notify,
                          coalesce(p_cond_streams[v_cond_from[i] : v_cond_from[i] + p_cond_counts[i] - 1], '{}'),
                          coalesce(p_cond_revisions[v_cond_from[i] : v_cond_from[i] + p_cond_counts[i] - 1], '{}'), true) a;
      IF r.status = 0 THEN v_notify := false; END IF;
      item := i - 1; status := r.status; revision := r.revision; tx := r.tx; pos := r.pos; cond_stream := r.cond_stream;
      RETURN NEXT;
    END LOOP;
  END
  $fn$`,
];

/** Back to the one-by-one body of Migration20261126020000. */
export const EVENT_STORE_APPEND_MANY_SET_DOWN: readonly string[] = EVENT_STORE_APPEND_CONDITIONS_UP.filter((statement) =>
  statement.startsWith('CREATE FUNCTION es_append_many_if('),
).map((statement) => statement.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
