-- The shop's server (docs/SYNC.md): one PostgreSQL database holding the shop's books, which
-- every counter sends its changes to and receives the others' from. Made by
-- `kaidan server init`; run once, in one transaction, by the database's owner.
--
-- Counters have their own roles, with no right on any table: only EXECUTE on the functions
-- below, which run as the owner (SECURITY DEFINER) and check every change.

CREATE EXTENSION IF NOT EXISTS pgq;
CREATE SCHEMA kaidan;
REVOKE ALL ON SCHEMA kaidan FROM PUBLIC;

CREATE TABLE kaidan.meta (
    id          int PRIMARY KEY CHECK (id = 1),
    format      int NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The tables that travel and the kind of record each holds (kaidan-core's sync::SyncTable,
-- written here by `kaidan server init`).
CREATE TABLE kaidan.sync_table (
    tbl           text PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('master', 'document', 'posted', 'owned')),
    owner_column  text,
    -- columns no two live rows may share (the counters' unique indexes)
    unique_columns text[] NOT NULL DEFAULT '{}'
);

-- The counters the owner registered. `last_seq` is the last change received from each.
CREATE TABLE kaidan.device (
    id             text PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    role           name NOT NULL UNIQUE,
    last_seq       bigint NOT NULL DEFAULT 0,
    -- the server's changes this counter said it applied (`kaidan.done`): a counter whose
    -- file is behind it (a backup restored, a crash) replays the history from where it is
    delivered_to   bigint NOT NULL DEFAULT 0,
    registered_at  timestamptz NOT NULL DEFAULT now(),
    last_seen      timestamptz
);

-- Every change received, in the server's order, with what the server did with it. The
-- accepted ones (and the server's own corrections, device 'server') are the shop's history: a
-- counter that joins replays them.
CREATE SEQUENCE kaidan.server_seq;
CREATE TABLE kaidan.change (
    server_seq   bigint PRIMARY KEY,
    device_id    text NOT NULL,
    device_seq   bigint NOT NULL,
    tx           bigint NOT NULL,
    tbl          text NOT NULL,
    op           text NOT NULL CHECK (op IN ('insert', 'update')),
    row_id       text NOT NULL,
    row          jsonb NOT NULL,
    before       jsonb,
    verdict      text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (device_id, device_seq)
);
CREATE INDEX change_accepted ON kaidan.change (server_seq) WHERE verdict = 'accepted';

-- The books as they are: each row as the accepted changes left it.
CREATE TABLE kaidan.row (
    tbl         text NOT NULL,
    id          text NOT NULL,
    data        jsonb NOT NULL,
    server_seq  bigint NOT NULL,
    PRIMARY KEY (tbl, id)
);

-- The true stock: every accepted movement added up, per product and place.
CREATE TABLE kaidan.stock (
    product_id     text NOT NULL,
    location_id    text NOT NULL,
    on_hand_milli  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, location_id)
);

-- What the owner must look at (kaidan-core's sync::SyncIssueKind).
CREATE TABLE kaidan.issue (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('oversell', 'stale_edit', 'posted_edited', 'unknown_row', 'not_owner', 'duplicate_name', 'duplicate_import')),
    server_seq   bigint NOT NULL,
    device_id    text NOT NULL,
    tbl          text NOT NULL,
    row_id       text NOT NULL,
    detail       jsonb NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz
);

SELECT pgq.create_queue('kaidan_changes');
-- a counter that asks gets what is there: a tick as soon as one event waits (PgQ's default
-- waits for 500 events or 3 seconds, which suits a busy ticker daemon, not a counter's pull)
SELECT pgq.set_queue_config('kaidan_changes', 'ticker_max_count', '1');
SELECT pgq.set_queue_config('kaidan_changes', 'ticker_max_lag', '0');

-- The counter calling, by its role.
CREATE FUNCTION kaidan.caller() RETURNS kaidan.device
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev kaidan.device;
BEGIN
    SELECT * INTO dev FROM kaidan.device WHERE role = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kaidan: % is not a registered counter of this shop', session_user USING ERRCODE = 'KD001';
    END IF;
    RETURN dev;
END $$;

-- The server's own change: columns of a row as the server keeps them, to every counter (the
-- one whose change was kept out, or renamed, shows the same as the others again). Only those
-- columns: a counter's later edits of other columns stand. Called by apply_batch only.
CREATE FUNCTION kaidan.send_as_kept(p_tbl text, p_id text, p_cols text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    kept jsonb;
    ss   bigint := nextval('kaidan.server_seq');
BEGIN
    SELECT COALESCE(jsonb_object_agg(key, value), '{}') INTO kept
      FROM kaidan.row r, jsonb_each(r.data) WHERE r.tbl = p_tbl AND r.id = p_id AND key = ANY (p_cols);
    -- `before` names the columns set (a counter applies an update to the columns it names)
    INSERT INTO kaidan.change (server_seq, device_id, device_seq, tx, tbl, op, row_id, row, before, verdict)
    VALUES (ss, 'server', ss, ss, p_tbl, 'update', p_id, kept, kept, 'accepted');
    PERFORM pgq.insert_event('kaidan_changes', 'change', jsonb_build_object('s', ss, 'c',
        jsonb_build_object('v', 1, 'device', 'server', 'seq', ss, 'tx', ss, 'table', p_tbl,
                           'op', 'update', 'id', p_id, 'row', kept, 'before', kept))::text);
END $$;

-- The one entry point for a counter's changes: a batch of whole transactions, in the
-- counter's order. Applied all or nothing. Returns the last change now held from this
-- counter and what was noticed.
CREATE FUNCTION kaidan.apply_batch(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev       kaidan.device;
    c         jsonb;
    seq       bigint;
    tbl_kind  text;
    owner_col text;
    cur       jsonb;
    verdict   text;
    ss        bigint;
    qty       bigint;
    bal       bigint;
    noticed   jsonb := '[]';
    uniq      text[];
    col       text;
    renamed   text[];
BEGIN
    -- one batch at a time: the server's order is the order of commits
    PERFORM pg_advisory_xact_lock(707070);
    dev := kaidan.caller();
    SELECT * INTO dev FROM kaidan.device WHERE id = dev.id FOR UPDATE;
    FOR c IN SELECT value FROM jsonb_array_elements(batch) LOOP
        IF (c->>'v')::int IS DISTINCT FROM (SELECT format FROM kaidan.meta) THEN
            RAISE EXCEPTION 'kaidan: change format % is not this server''s', c->>'v' USING ERRCODE = 'KD002';
        END IF;
        IF c->>'device' IS DISTINCT FROM dev.id THEN
            RAISE EXCEPTION 'kaidan: counter % sent a change of another counter', dev.code USING ERRCODE = 'KD003';
        END IF;
        seq := (c->>'seq')::bigint;
        IF seq <= dev.last_seq THEN
            -- received before: a batch sent again after a lost answer. The same change, or the
            -- counter numbered new changes again (its file went back in time): never skipped
            -- silently
            IF NOT EXISTS (SELECT 1 FROM kaidan.change h WHERE h.device_id = dev.id AND h.device_seq = seq
                             AND h.tbl = c->>'table' AND h.row_id = c->>'id' AND h.row = c->'row') THEN
                RAISE EXCEPTION 'kaidan: counter %: change % differs from the one received under that number (was this counter''s file restored from a backup?)',
                    dev.code, seq USING ERRCODE = 'KD007';
            END IF;
            CONTINUE;
        END IF;
        IF seq <> dev.last_seq + 1 THEN
            RAISE EXCEPTION 'kaidan: counter %: change % is missing (received %)', dev.code, dev.last_seq + 1, seq
                USING ERRCODE = 'KD004';
        END IF;
        dev.last_seq := seq;
        SELECT kind, owner_column, unique_columns INTO tbl_kind, owner_col, uniq FROM kaidan.sync_table WHERE tbl = c->>'table';
        IF NOT FOUND THEN
            RAISE EXCEPTION 'kaidan: table % does not travel', c->>'table' USING ERRCODE = 'KD005';
        END IF;
        SELECT data INTO cur FROM kaidan.row WHERE tbl = c->>'table' AND id = c->>'id' FOR UPDATE;
        verdict := 'accepted';
        IF c->>'op' = 'update' THEN
            IF tbl_kind = 'posted' THEN
                verdict := 'posted_edited';
            ELSIF cur IS NULL THEN
                verdict := 'unknown_row';
            ELSIF tbl_kind = 'owned' AND cur->>owner_col IS DISTINCT FROM dev.id THEN
                verdict := 'not_owner';
            ELSIF EXISTS (SELECT 1 FROM jsonb_each(COALESCE(c->'before', '{}')) b WHERE cur->b.key IS DISTINCT FROM b.value) THEN
                verdict := 'stale_edit';
            END IF;
        ELSIF c->>'op' <> 'insert' THEN
            RAISE EXCEPTION 'kaidan: unknown change %', c->>'op' USING ERRCODE = 'KD006';
        ELSIF cur IS NOT NULL THEN
            verdict := 'unknown_row'; -- an id taken twice: never applied over the first
        ELSIF tbl_kind = 'owned' AND c->'row'->>owner_col IS DISTINCT FROM dev.id THEN
            verdict := 'not_owner';
        END IF;
        ss := nextval('kaidan.server_seq');
        INSERT INTO kaidan.change (server_seq, device_id, device_seq, tx, tbl, op, row_id, row, before, verdict)
        VALUES (ss, dev.id, seq, (c->>'tx')::bigint, c->>'table', c->>'op', c->>'id', c->'row', c->'before', verdict);
        IF verdict <> 'accepted' THEN
            INSERT INTO kaidan.issue (kind, server_seq, device_id, tbl, row_id, detail)
            VALUES (verdict, ss, dev.id, c->>'table', c->>'id',
                    jsonb_build_object('wanted', c->'row', 'before', c->'before', 'kept', cur));
            noticed := noticed || jsonb_build_object('kind', verdict, 'table', c->>'table', 'id', c->>'id');
            IF verdict = 'stale_edit' THEN
                -- the counter that sent it shows what it wanted: every counter gets the row as kept
                PERFORM kaidan.send_as_kept(c->>'table', c->>'id', ARRAY(SELECT jsonb_object_keys(c->'before')));
            END IF;
            CONTINUE;
        END IF;
        -- a name (SKU, barcode) another live row has: the later row keeps it with the
        -- counter's code after it, everywhere, and the owner is told
        renamed := '{}';
        FOREACH col IN ARRAY uniq LOOP
            IF c->'row'->>col IS NOT NULL AND c->'row'->>'deleted_at' IS NULL
               AND (c->>'op' = 'insert' OR c->'before' ? col)
               AND EXISTS (SELECT 1 FROM kaidan.row r WHERE r.tbl = c->>'table' AND r.id <> c->>'id'
                             AND r.data->>col = c->'row'->>col AND r.data->>'deleted_at' IS NULL) THEN
                INSERT INTO kaidan.issue (kind, server_seq, device_id, tbl, row_id, detail)
                VALUES ('duplicate_name', ss, dev.id, c->>'table', c->>'id',
                        jsonb_build_object('column', col, 'given', c->'row'->>col, 'kept_as', (c->'row'->>col) || '-' || dev.code));
                noticed := noticed || jsonb_build_object('kind', 'duplicate_name', 'table', c->>'table', 'id', c->>'id');
                c := jsonb_set(c, ARRAY['row', col], to_jsonb((c->'row'->>col) || '-' || dev.code));
                IF c->'before' IS NOT NULL THEN
                    c := jsonb_set(c, ARRAY['before', col], COALESCE(c->'before'->col, 'null'));
                END IF;
                renamed := renamed || col;
            END IF;
        END LOOP;
        -- the same sheet of the same file imported on two counters while they were apart: both
        -- stand (they happened; their orders are in the books twice), the owner is told
        IF c->>'table' = 'import_batch' AND c->>'op' = 'insert' AND c->'row'->>'status' = 'imported'
           AND EXISTS (SELECT 1 FROM kaidan.row r WHERE r.tbl = 'import_batch' AND r.id <> c->>'id'
                         AND r.data->>'status' = 'imported'
                         AND r.data->>'file_sha256' = c->'row'->>'file_sha256' AND r.data->>'kind' = c->'row'->>'kind'
                         AND (r.data->>'sheet' = c->'row'->>'sheet' OR r.data->>'sheet' = '' OR c->'row'->>'sheet' = '')) THEN
            INSERT INTO kaidan.issue (kind, server_seq, device_id, tbl, row_id, detail)
            VALUES ('duplicate_import', ss, dev.id, 'import_batch', c->>'id',
                    jsonb_build_object('file_name', c->'row'->>'file_name', 'sheet', c->'row'->>'sheet'));
            noticed := noticed || jsonb_build_object('kind', 'duplicate_import', 'table', 'import_batch', 'id', c->>'id');
        END IF;
        IF c->>'op' = 'insert' THEN
            INSERT INTO kaidan.row (tbl, id, data, server_seq) VALUES (c->>'table', c->>'id', c->'row', ss);
        ELSE
            -- only the columns the counter changed: another counter's edit of other columns stays
            UPDATE kaidan.row SET data = data || (SELECT COALESCE(jsonb_object_agg(key, value), '{}')
                                                    FROM jsonb_each(c->'row')
                                                    WHERE c->'before' IS NULL OR c->'before' ? key),
                                  server_seq = ss
            WHERE tbl = c->>'table' AND id = c->>'id';
        END IF;
        IF c->>'table' = 'stock_move' THEN
            qty := (c->'row'->>'qty_milli')::bigint;
            INSERT INTO kaidan.stock AS s (product_id, location_id, on_hand_milli)
            VALUES (c->'row'->>'product_id', c->'row'->>'location_id', qty)
            ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand_milli = s.on_hand_milli + excluded.on_hand_milli
            RETURNING on_hand_milli INTO bal;
            -- kept, whatever it did to the shelf: the goods left the shop. Flagged when goods
            -- left and the shelf is below zero after it.
            IF qty < 0 AND bal < 0 THEN
                INSERT INTO kaidan.issue (kind, server_seq, device_id, tbl, row_id, detail)
                VALUES ('oversell', ss, dev.id, 'stock_move', c->>'id',
                        jsonb_build_object('product_id', c->'row'->>'product_id', 'location_id', c->'row'->>'location_id',
                                           'qty_milli', qty::text, 'balance_milli', bal::text, 'doc_number', c->'row'->>'doc_number'));
                noticed := noticed || jsonb_build_object('kind', 'oversell', 'table', 'stock_move', 'id', c->>'id');
            END IF;
        END IF;
        PERFORM pgq.insert_event('kaidan_changes', 'change', jsonb_build_object('s', ss, 'c', c)::text);
        IF cardinality(renamed) > 0 THEN
            -- the counter that made it has the first name: every counter gets the name as kept
            PERFORM kaidan.send_as_kept(c->>'table', c->>'id', renamed);
        END IF;
    END LOOP;
    UPDATE kaidan.device SET last_seq = dev.last_seq, last_seen = now() WHERE id = dev.id;
    RETURN jsonb_build_object('received_to', dev.last_seq, 'noticed', noticed);
END $$;

-- The next batch of the others' changes for the calling counter (PgQ: delivered at least
-- once, until `kaidan.done`): {"batch": id, "changes": [{"s": server order, "c": change}, …]},
-- or null when there is nothing new.
CREATE FUNCTION kaidan.pull() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev  kaidan.device := kaidan.caller();
    b    bigint;
    evs  jsonb;
BEGIN
    PERFORM pgq.ticker('kaidan_changes');
    b := pgq.next_batch('kaidan_changes', dev.id);
    IF b IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(jsonb_agg(ev_data::jsonb ORDER BY (ev_data::jsonb->>'s')::bigint), '[]')
      INTO evs FROM pgq.get_batch_events(b);
    RETURN jsonb_build_object('batch', b, 'changes', evs);
END $$;

-- The calling counter applied the batch, up to server change `upto`: PgQ will not deliver
-- it again.
CREATE FUNCTION kaidan.done(batch bigint, upto bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev kaidan.device := kaidan.caller();
BEGIN
    PERFORM pgq.finish_batch(batch);
    UPDATE kaidan.device SET delivered_to = greatest(delivered_to, upto) WHERE id = dev.id;
END $$;

-- The calling counter as the server knows it: the last change received from it, the server
-- change it last said it applied.
CREATE FUNCTION kaidan.whoami() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
    SELECT jsonb_build_object('device_id', d.id, 'code', d.code, 'last_seq', d.last_seq, 'delivered_to', d.delivered_to)
    FROM kaidan.device d WHERE d.id = (kaidan.caller()).id;
$$;

-- A counter starting to receive: its PgQ consumer from now on, and the server order up to
-- which it must replay the history instead (`kaidan.history`).
CREATE FUNCTION kaidan.subscribe() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev kaidan.device := kaidan.caller();
BEGIN
    PERFORM pg_advisory_xact_lock(707070);
    PERFORM pgq.register_consumer('kaidan_changes', dev.id);
    UPDATE kaidan.device SET delivered_to = COALESCE((SELECT max(server_seq) FROM kaidan.change), 0) WHERE id = dev.id;
    RETURN jsonb_build_object('device_id', dev.id, 'code', dev.code,
                              'history_to', COALESCE((SELECT max(server_seq) FROM kaidan.change), 0));
END $$;

-- The accepted history after `after`, up to `upto`, at most `lim` changes, in the server's
-- order (a counter joining the shop).
CREATE FUNCTION kaidan.history(after bigint, upto bigint, lim int) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
DECLARE
    dev kaidan.device := kaidan.caller();
    out jsonb;
BEGIN
    SELECT COALESCE(jsonb_agg(jsonb_build_object('s', server_seq, 'c',
               jsonb_strip_nulls(jsonb_build_object('v', 1, 'device', device_id, 'seq', device_seq, 'tx', tx, 'table', tbl,
                                  'op', op, 'id', row_id, 'row', row, 'before', before))) ORDER BY server_seq), '[]')
      INTO out
      FROM (SELECT * FROM kaidan.change WHERE verdict = 'accepted' AND server_seq > after AND server_seq <= upto
            ORDER BY server_seq LIMIT lim) h;
    RETURN out;
END $$;

-- What the owner must look at, newest first.
CREATE FUNCTION kaidan.issues() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'device', d.code, 'table', i.tbl,
                                                 'row_id', i.row_id, 'detail', i.detail, 'at', i.at,
                                                 'resolved_at', i.resolved_at) ORDER BY i.id DESC), '[]')
    FROM kaidan.issue i LEFT JOIN kaidan.device d ON d.id = i.device_id;
$$;

-- The server's own check: the stock is every accepted movement added up; every counter's
-- changes arrived without a gap; every counter's document numbers of each series and year
-- (`SO-B-2026-…`) are 1, 2, 3… with no gap. Returns what is wrong (empty: all is well).
CREATE FUNCTION kaidan.check() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kaidan, pg_temp AS $$
    WITH ledger AS (
        SELECT data->>'product_id' AS p, data->>'location_id' AS l, sum((data->>'qty_milli')::bigint) AS q
        FROM kaidan.row WHERE tbl = 'stock_move' GROUP BY 1, 2),
    stock_wrong AS (
        SELECT 'stock ' || COALESCE(s.product_id, g.p) || ': held ' || COALESCE(s.on_hand_milli, 0) || ' ledger ' || COALESCE(g.q, 0) AS problem
        FROM kaidan.stock s FULL JOIN ledger g ON g.p = s.product_id AND g.l = s.location_id
        WHERE COALESCE(s.on_hand_milli, 0) <> COALESCE(g.q, 0)),
    seq_wrong AS (
        SELECT 'counter ' || d.code || ': ' || count(c.*) || ' changes, last ' || d.last_seq AS problem
        FROM kaidan.device d LEFT JOIN kaidan.change c ON c.device_id = d.id
        GROUP BY d.id, d.code, d.last_seq HAVING count(c.*) <> d.last_seq OR COALESCE(max(c.device_seq), 0) <> d.last_seq),
    numbers AS (
        SELECT tbl, data->>'number' AS number, substring(data->>'number' from '^(.*)-[0-9]{4}-[0-9]+$') AS prefix,
               substring(data->>'number' from '-([0-9]{4})-[0-9]+$') AS year,
               substring(data->>'number' from '-([0-9]+)$')::bigint AS n
        FROM kaidan.row WHERE tbl IN ('sales_order', 'delivery', 'invoice', 'payment', 'sales_return')
          AND data->>'number' ~ '^[A-Z]+-[A-Z][A-Z0-9]*-[0-9]{4}-[0-9]+$'),
    number_wrong AS (
        SELECT 'numbers ' || prefix || '-' || year || ': ' || count(*) || ' documents, highest ' || max(n) AS problem
        FROM numbers GROUP BY tbl, prefix, year
        HAVING count(DISTINCT n) <> max(n) OR count(*) <> count(DISTINCT n))
    SELECT COALESCE(jsonb_agg(problem), '[]') FROM (
        SELECT problem FROM stock_wrong UNION ALL SELECT problem FROM seq_wrong UNION ALL SELECT problem FROM number_wrong) w;
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kaidan FROM PUBLIC;
