-- Kaidan schema, version 10 (issue 16): backups that keep up with the work.
-- Every business write counts one change in the same transaction; each backup attempt records
-- the count it saw, so the home screen can say how much work no verified backup holds yet and
-- the automatic backup can run when `backup_every_minutes` (a new setting, default 60) have
-- passed with work waiting. An older Kaidan, which would refuse that setting as unknown, is
-- told by this version that the file is from a newer Kaidan.
CREATE TABLE change_count (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL CHECK (n >= 0)
);
INSERT INTO change_count (id, n) VALUES (1, 0);
ALTER TABLE backup_log ADD COLUMN changes INTEGER;
