-- Kaidan schema, version 21 (issue 20): the backup Kaidan makes and verifies just before it
-- installs a new version of itself is logged as its own kind, 'update', so that the restore
-- screen can name it. SQLite cannot change a CHECK constraint in place; this small log table
-- is rebuilt (no other table refers to it), its rows and columns kept as they were.
CREATE TABLE backup_log_new (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('auto', 'manual', 'safety', 'update')),
    ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
    file        TEXT,
    bytes       INTEGER,
    error       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    changes     INTEGER
);
INSERT INTO backup_log_new (id, at, kind, ok, file, bytes, error, created_at, updated_at, changes)
    SELECT id, at, kind, ok, file, bytes, error, created_at, updated_at, changes FROM backup_log;
DROP TABLE backup_log;
ALTER TABLE backup_log_new RENAME TO backup_log;
CREATE INDEX backup_log_at ON backup_log(at);
