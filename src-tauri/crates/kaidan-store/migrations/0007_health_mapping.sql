-- Health checks and remembered import mappings (issues 8 and 6).
-- Full checks of the shop's file (PRAGMA integrity_check) that passed: the window runs one in
-- the background when the last is a week old. A check that finds damage is not written here
-- (a damaged file is never written to): the window stops writing and offers the backups.
CREATE TABLE health_check (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('integrity')),
    millis       INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX health_check_at ON health_check(kind, at);

-- Import mappings the user chose, remembered by the header row they were made for (its texts)
-- and the kind of list, and used again for files with the same header. A preference, not a
-- record: a later choice replaces it.
CREATE TABLE import_mapping (
    signature   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('orders', 'products', 'customers')),
    spec        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (signature, kind)
) WITHOUT ROWID;
