-- Several counters, one set of books (docs/SYNC.md). These tables stay empty, and no trigger
-- writes to them, until the shop has a server (`kaidan server init` or `kaidan join`): a shop
-- on one PC works exactly as before.

-- The shop's server, as this counter knows it. One row once the shop has a server.
CREATE TABLE sync_config (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    -- the server's address without its password (host, port, database, this counter's role)
    server      TEXT NOT NULL,
    -- 0 while changes that came from the server are being applied: they are not sent back
    capturing   INTEGER NOT NULL DEFAULT 1 CHECK (capturing IN (0, 1)),
    -- the last of the server's changes this counter has applied (its global order)
    pulled_to   INTEGER NOT NULL DEFAULT 0 CHECK (pulled_to >= 0),
    joined_at   TEXT NOT NULL,
    synced_at   TEXT,
    -- the last failure to reach the server, until a sync succeeds
    last_error  TEXT,
    offline_since TEXT
);

-- The changes this counter made that the server has not confirmed, in the order they happened.
-- `seq` is this counter's change number (AUTOINCREMENT: a rolled-back transaction gives its
-- numbers back, a committed one never reuses them); `tx` the first seq of its transaction.
CREATE TABLE sync_outbox (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    tx      INTEGER,
    tbl     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update')),
    row_id  TEXT NOT NULL,
    row     TEXT NOT NULL,
    before  TEXT
);
CREATE INDEX sync_outbox_open_tx ON sync_outbox(seq) WHERE tx IS NULL;

-- What the server found in the shop's changes (oversells, conflicts, refusals), as last read
-- from it: the owner's list.
CREATE TABLE sync_issue (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    device_code TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    at          TEXT NOT NULL,
    resolved_at TEXT
);
