/**
 * The PostgreSQL event store schema (EVENTSTORE.md §2), as plain statements so the migration,
 * the test harness and the bench all install exactly the same thing. No `?` anywhere: the
 * migration runs these through knex, which would read it as a binding.
 */

/** Channel of the wake-up hint; subscribers keep polling, the hint only cuts latency. */
export const EVENTS_CHANNEL = 'tally_es_events';

/** Expected-revision sentinels understood by es_append / es_delete_stream (ESDB's legacy numbers). */
export const SQL_EXPECT_ANY = -2;
export const SQL_EXPECT_NO_STREAM = -1;
export const SQL_EXPECT_STREAM_EXISTS = -4;

/** Status codes returned by es_append / es_delete_stream. */
export const SQL_STATUS = { ok: 0, idempotent: 1, conflict: 2, tombstoned: 3 } as const;

export const EVENT_STORE_SCHEMA_UP: readonly string[] = [
  `CREATE SEQUENCE es_global_position AS bigint START 1`,

  `CREATE TABLE es_streams (
    stream_id text PRIMARY KEY,
    revision bigint NOT NULL DEFAULT -1,
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'soft_deleted', 'tombstoned')),
    truncate_before bigint,
    max_count bigint,
    max_age_s bigint,
    metadata jsonb
  ) WITH (fillfactor = 70)`,

  `CREATE TABLE es_events (
    global_position bigint NOT NULL DEFAULT nextval('es_global_position'),
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_id text NOT NULL,
    stream_revision bigint NOT NULL,
    category text GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    schema_version int NOT NULL DEFAULT 1,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT es_events_pkey PRIMARY KEY (stream_id, stream_revision),
    CONSTRAINT es_events_stream_event_id_key UNIQUE (stream_id, event_id)
  )`,

  `ALTER SEQUENCE es_global_position OWNED BY es_events.global_position`,

  `CREATE INDEX es_events_global_idx ON es_events (transaction_id, global_position)`,

  `CREATE INDEX es_events_category_idx ON es_events (category, transaction_id, global_position)`,

  // One call, one round trip: lock the stream, check tombstone, expectation and idempotency
  // before any nextval, insert with unnest, bump the revision. Status: 0 appended,
  // 1 idempotent retry (nothing written, original result), 2 conflict (revision = actual),
  // 3 tombstoned. An id already in the stream under a *matching* expectation is not a retry
  // but a client bug: it fails on es_events_stream_event_id_key and the adapter maps it.
  `CREATE FUNCTION es_append(
    p_stream text, p_ids uuid[], p_types text[], p_versions int[], p_data jsonb[], p_metadata jsonb[],
    p_expected bigint, p_notify boolean,
    OUT status smallint, OUT revision bigint, OUT tx xid8, OUT pos bigint
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
  BEGIN
    -- Fast path of the command side (an exact expectation that holds): the guarded UPDATE locks,
    -- checks and bumps in one statement. Anything else falls through to the diagnosis below.
    IF p_expected >= 0 THEN
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
      -- A new stream: only ANY and NO_STREAM may create it.
      IF p_expected >= 0 OR p_expected = -4 THEN
        status := 2; revision := -1; RETURN;
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
      -- Another transaction created it meanwhile: loop to lock its row.
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

    -- Idempotency (ESDB rules): a retry of an append that already happened carries ids that
    -- are all in the stream, contiguous and in order, right after an exact expectation.
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

    INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
      SELECT p_stream, v_rev + u.o, u.id, u.t, u.v, u.d, u.m
      FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata) WITH ORDINALITY AS u(id, t, v, d, m, o)
      ORDER BY u.o;
    UPDATE es_streams SET revision = v_rev + v_n, state = 'active' WHERE stream_id = p_stream;
    status := 0; revision := v_rev + v_n; tx := pg_current_xact_id(); pos := currval('es_global_position');
    IF p_notify THEN PERFORM pg_notify('${EVENTS_CHANNEL}', ''); END IF;
  END
  $fn$`,

  // Soft delete hides the stream (reads say NotFound) and a later append continues at last+1
  // behind a truncate-before; a tombstone is permanent. Same status codes as es_append.
  `CREATE FUNCTION es_delete_stream(p_stream text, p_expected bigint, p_tombstone boolean,
    OUT status smallint, OUT revision bigint
  ) LANGUAGE plpgsql AS $fn$
  DECLARE
    v_rev bigint;
    v_state text;
    v_ok boolean;
  BEGIN
    SELECT s.revision, s.state INTO v_rev, v_state FROM es_streams s WHERE s.stream_id = p_stream FOR UPDATE;
    IF NOT FOUND THEN
      IF p_expected >= 0 OR p_expected = -4 THEN
        status := 2; revision := -1; RETURN;
      END IF;
      IF p_tombstone THEN
        INSERT INTO es_streams (stream_id, state) VALUES (p_stream, 'tombstoned')
          ON CONFLICT (stream_id) DO UPDATE SET state = 'tombstoned';
      END IF;
      status := 0; revision := -1; RETURN;
    END IF;
    IF v_state = 'tombstoned' THEN
      status := 3; revision := v_rev; RETURN;
    END IF;
    v_ok := CASE
      WHEN p_expected = -2 THEN true
      WHEN p_expected = -1 THEN v_state <> 'active' OR v_rev < 0
      WHEN p_expected = -4 THEN v_state = 'active' AND v_rev >= 0
      ELSE p_expected = v_rev
    END;
    IF NOT v_ok THEN
      status := 2; revision := v_rev; RETURN;
    END IF;
    IF p_tombstone THEN
      UPDATE es_streams SET state = 'tombstoned' WHERE stream_id = p_stream;
    ELSE
      UPDATE es_streams SET state = 'soft_deleted', truncate_before = v_rev + 1 WHERE stream_id = p_stream;
    END IF;
    status := 0; revision := v_rev;
  END
  $fn$`,
];

export const EVENT_STORE_SCHEMA_DOWN: readonly string[] = [
  `DROP FUNCTION IF EXISTS es_delete_stream(text, bigint, boolean)`,
  `DROP FUNCTION IF EXISTS es_append(text, uuid[], text[], int[], jsonb[], jsonb[], bigint, boolean)`,
  `DROP TABLE IF EXISTS es_events`,
  `DROP TABLE IF EXISTS es_streams`,
  `DROP SEQUENCE IF EXISTS es_global_position`,
];
