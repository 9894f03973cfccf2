import { EVENTS_CHANNEL } from './eventstore-schema.sql';

/**
 * Append conditions (README.md "Append conditions"): "append to S only if stream X is still at
 * revision R", checked in the append's own transaction and made atomic by a FOR SHARE lock on
 * X's es_streams row, held until commit. Every append to X updates that row, so it waits for
 * the conditional append to commit, or the conditional append waits for it and sees its
 * revision: no append to X commits between the check and the conditional append's commit.
 *
 * es_append and es_append_many stay as they were: the adapter calls these functions only for
 * appends that carry conditions, so unconditional appends pay nothing.
 *
 * A condition revision of -1 means "no stream". When X has no row, a placeholder row
 * (revision -1, which every function here already reads as "no stream", as for a row made by
 * setStreamMetadata) is inserted and locked, so that a concurrent creation of X waits as well.
 *
 * Locks are taken in stream-id order (COLLATE "C": byte order, the order the adapter sorts
 * batches in) over the appended streams (FOR UPDATE) and the condition streams (FOR SHARE),
 * so two writers never wait on each other in a cycle. The one exception: a stream that does
 * not exist yet is locked when it is created, out of that order; PostgreSQL detects the rare
 * deadlock, the batch fails and the adapter retries its appends one by one.
 */
/** es_append_if's status when a condition failed (beside SQL_STATUS's 0–3). */
export const SQL_STATUS_CONDITION_FAILED = 4;

export const EVENT_STORE_APPEND_CONDITIONS_UP: readonly string[] = [
  // Takes the condition streams' locks (FOR SHARE) in stream order, and locks ahead (FOR UPDATE,
  // in the same pass) only the appended streams that sort before the last condition stream: the
  // others are locked later by the appends themselves, which run in stream order, so the order
  // still holds without an extra lock per append (votes: contest-… < voter-…, no extra lock). A
  // condition stream without a row gets a placeholder row (revision -1: "no stream" to every
  // function here) so that there is a row to lock and a concurrent creation waits too.
  `CREATE FUNCTION es_lock_streams(p_appended text[], p_cond_streams text[]) RETURNS void
  LANGUAGE plpgsql AS $fn$
  DECLARE
    r record;
    v_last text;
  BEGIN
    SELECT max(c COLLATE "C") INTO v_last FROM unnest(p_cond_streams) AS c;
    IF v_last IS NULL THEN RETURN; END IF;
    FOR r IN
      SELECT u.stream_id, bool_or(u.appended) AS appended
      FROM (
        SELECT a, true FROM unnest(p_appended) AS a WHERE a COLLATE "C" < v_last
        UNION ALL
        SELECT c, false FROM unnest(p_cond_streams) AS c
      ) AS u(stream_id, appended)
      GROUP BY u.stream_id
      ORDER BY u.stream_id COLLATE "C"
    LOOP
      IF r.appended THEN
        PERFORM 1 FROM es_streams s WHERE s.stream_id = r.stream_id FOR UPDATE;
      ELSE
        PERFORM 1 FROM es_streams s WHERE s.stream_id = r.stream_id FOR SHARE;
        IF NOT FOUND THEN
          INSERT INTO es_streams (stream_id) VALUES (r.stream_id) ON CONFLICT (stream_id) DO NOTHING;
          PERFORM 1 FROM es_streams s WHERE s.stream_id = r.stream_id FOR SHARE;
        END IF;
      END IF;
    END LOOP;
  END
  $fn$`,

  // The first condition that does not hold (none: no row). Runs after es_lock_streams, so what
  // it reads cannot change before commit (except by this transaction's own earlier appends).
  `CREATE FUNCTION es_failed_condition(p_cond_streams text[], p_cond_revisions bigint[],
    OUT stream_id text, OUT expected bigint, OUT actual bigint
  ) RETURNS SETOF record LANGUAGE sql STABLE AS $fn$
    SELECT c.s, c.r, CASE WHEN s.state = 'soft_deleted' THEN -1 ELSE coalesce(s.revision, -1) END
    FROM unnest(p_cond_streams, p_cond_revisions) WITH ORDINALITY AS c(s, r, o)
    LEFT JOIN es_streams s ON s.stream_id = c.s
    WHERE NOT coalesce(CASE
      WHEN s.state = 'tombstoned' THEN false
      WHEN c.r = -1 THEN s.stream_id IS NULL OR s.state = 'soft_deleted' OR s.revision < 0
      ELSE s.state = 'active' AND s.revision = c.r
    END, false)
    ORDER BY c.o
    LIMIT 1
  $fn$`,

  // es_append (same statuses, same checks in the same order) plus conditions, checked after the
  // expectation and idempotency: an idempotent retry succeeds whatever the condition streams did
  // since. Status 4: a condition failed; revision = its stream's actual revision, cond_stream
  // names it. p_locked: the caller (es_append_many_if) already took every lock.
  `CREATE FUNCTION es_append_if(
    p_stream text, p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_metadata jsonb[],
    p_expected bigint, p_notify boolean, p_cond_streams text[], p_cond_revisions bigint[], p_locked boolean,
    OUT status smallint, OUT revision bigint, OUT tx xid8, OUT pos bigint, OUT cond_stream text
  ) LANGUAGE plpgsql AS $fn$
  DECLARE
    v_n bigint := cardinality(p_ids);
    v_rev bigint;
    v_state text;
    v_ok boolean;
    v_found bigint;
    v_min bigint;
    v_max bigint;
    v_same boolean;
    v_failed record;
  BEGIN
    IF NOT p_locked THEN
      PERFORM es_lock_streams(ARRAY[p_stream], p_cond_streams);
    END IF;
    SELECT f.stream_id, f.actual INTO v_failed FROM es_failed_condition(p_cond_streams, p_cond_revisions) f;

    IF p_expected >= 0 AND v_failed.stream_id IS NULL THEN
      UPDATE es_streams SET revision = p_expected + v_n, state = 'active'
        WHERE stream_id = p_stream AND es_streams.revision = p_expected AND state <> 'tombstoned';
      IF FOUND THEN
        INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
          SELECT p_stream, p_expected + u.o, u.id, u.t, u.v, u.d, u.m
          FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata) WITH ORDINALITY AS u(id, t, v, d, m, o)
          ORDER BY u.o;
        status := 0; revision := p_expected + v_n; tx := pg_current_xact_id(); pos := currval('es_global_position');
        IF p_notify THEN PERFORM pg_notify('${EVENTS_CHANNEL}', ''); END IF;
        RETURN;
      END IF;
    END IF;

    LOOP
      SELECT s.revision, s.state INTO v_rev, v_state FROM es_streams s WHERE s.stream_id = p_stream FOR UPDATE;
      EXIT WHEN FOUND;
      IF p_expected >= 0 OR p_expected = -4 THEN
        status := 2; revision := -1; RETURN;
      END IF;
      IF v_failed.stream_id IS NOT NULL THEN
        status := 4; revision := v_failed.actual; cond_stream := v_failed.stream_id; RETURN;
      END IF;
      INSERT INTO es_streams (stream_id, revision) VALUES (p_stream, v_n - 1) ON CONFLICT (stream_id) DO NOTHING;
      IF FOUND THEN
        INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
          SELECT p_stream, u.o - 1, u.id, u.t, u.v, u.d, u.m
          FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata) WITH ORDINALITY AS u(id, t, v, d, m, o)
          ORDER BY u.o;
        status := 0; revision := v_n - 1; tx := pg_current_xact_id(); pos := currval('es_global_position');
        IF p_notify THEN PERFORM pg_notify('${EVENTS_CHANNEL}', ''); END IF;
        RETURN;
      END IF;
    END LOOP;

    IF v_state = 'tombstoned' THEN
      status := 3; revision := v_rev; RETURN;
    END IF;

    v_ok := CASE
      WHEN p_expected = -2 THEN true
      WHEN p_expected = -1 THEN v_state <> 'active' OR v_rev < 0
      WHEN p_expected = -4 THEN v_state = 'active' AND v_rev >= 0
      ELSE p_expected = v_rev
    END;

    IF v_rev >= 0 AND (p_expected = -2 OR NOT v_ok) THEN
      SELECT count(*), min(e.stream_revision), max(e.stream_revision),
             array_agg(e.event_id ORDER BY e.stream_revision) = p_ids
        INTO v_found, v_min, v_max, v_same
        FROM es_events e WHERE e.stream_id = p_stream AND e.event_id = ANY (p_ids);
      IF v_found > 0 THEN
        IF v_found = v_n AND v_same AND v_max - v_min = v_n - 1 AND (p_expected < 0 OR v_min = p_expected + 1) THEN
          status := 1; revision := v_max;
          SELECT e.transaction_id, e.global_position INTO tx, pos
            FROM es_events e WHERE e.stream_id = p_stream AND e.stream_revision = v_max;
        ELSE
          status := 2; revision := v_rev;
        END IF;
        RETURN;
      END IF;
    END IF;

    IF NOT v_ok THEN
      status := 2; revision := v_rev; RETURN;
    END IF;

    IF v_failed.stream_id IS NOT NULL THEN
      status := 4; revision := v_failed.actual; cond_stream := v_failed.stream_id; RETURN;
    END IF;

    INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
      SELECT p_stream, v_rev + u.o, u.id, u.t, u.v, u.d, u.m
      FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata) WITH ORDINALITY AS u(id, t, v, d, m, o)
      ORDER BY u.o;
    UPDATE es_streams SET revision = v_rev + v_n, state = 'active' WHERE stream_id = p_stream;
    status := 0; revision := v_rev + v_n; tx := pg_current_xact_id(); pos := currval('es_global_position');
    IF p_notify THEN PERFORM pg_notify('${EVENTS_CHANNEL}', ''); END IF;
  END
  $fn$`,

  // Group commit with conditions: es_append_many's shape plus, per item, p_cond_counts[i]
  // conditions in the flat p_cond_streams / p_cond_revisions. Every lock is taken first, in
  // stream order; then the items run in the order given (sorted by stream), so an item's
  // condition sees the items before it in this batch. One item's failed condition is that
  // item's status 4 and does not touch the others.
  `CREATE FUNCTION es_append_many_if(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_metadata jsonb[], p_notify boolean,
    p_cond_counts int[], p_cond_streams text[], p_cond_revisions bigint[]
  ) RETURNS TABLE (item int, status smallint, revision bigint, tx xid8, pos bigint, cond_stream text)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_from int := 1;
    v_to int;
    v_cfrom int := 1;
    v_cto int;
    r record;
  BEGIN
    PERFORM es_lock_streams(p_streams, p_cond_streams);
    FOR i IN 1 .. coalesce(cardinality(p_streams), 0) LOOP
      v_to := v_from + p_counts[i] - 1;
      v_cto := v_cfrom + p_cond_counts[i] - 1;
      SELECT a.status, a.revision, a.tx, a.pos, a.cond_stream INTO r
        FROM es_append_if(p_streams[i], p_ids[v_from:v_to], p_types[v_from:v_to], p_versions[v_from:v_to],
                          p_data[v_from:v_to], p_metadata[v_from:v_to], p_expected[i], p_notify AND i = 1,
                          coalesce(p_cond_streams[v_cfrom:v_cto], '{}'), coalesce(p_cond_revisions[v_cfrom:v_cto], '{}'), true) a;
      item := i - 1; status := r.status; revision := r.revision; tx := r.tx; pos := r.pos; cond_stream := r.cond_stream;
      RETURN NEXT;
      v_from := v_to + 1;
      v_cfrom := v_cto + 1;
    END LOOP;
  END
  $fn$`,
];

export const EVENT_STORE_APPEND_CONDITIONS_DOWN: readonly string[] = [
  `DROP FUNCTION IF EXISTS es_append_many_if(text[], bigint[], int[], uuid[], text[], int[], jsonb[], jsonb[], boolean, int[], text[], bigint[])`,
  `DROP FUNCTION IF EXISTS es_append_if(text, uuid[], text[], int[], jsonb[], jsonb[], bigint, boolean, text[], bigint[], boolean)`,
  `DROP FUNCTION IF EXISTS es_failed_condition(text[], bigint[])`,
  `DROP FUNCTION IF EXISTS es_lock_streams(text[], text[])`,
];
