-- Kaidan schema, version 2: every backup attempt, good or failed, so that a failed or
-- unverified backup is reported (home screen, `kaidan backups list`) and never silently skipped.
CREATE TABLE backup_log (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('auto', 'manual', 'safety')),
    ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
    file        TEXT,
    bytes       INTEGER,
    error       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX backup_log_at ON backup_log(at);
