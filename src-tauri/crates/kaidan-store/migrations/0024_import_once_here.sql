-- Kaidan schema, version 24 (issue 21): a file imported on two counters while they were apart.
-- "The same sheet of the same file is imported once while the first import stands" is the
-- import's own check, in its write transaction (`Db::import_batch_of_file`); the index below
-- repeated it as UNIQUE, which made a counter unable to take the other counter's import of the
-- same file, made while the two could not see each other: its download stopped at that change.
-- Both imports stand (they happened), the shop's server lists the pair for the owner
-- (`duplicate_import`), and the index only finds the batches of a file.
DROP INDEX import_batch_file;
CREATE INDEX import_batch_file ON import_batch(file_sha256, kind, sheet) WHERE status = 'imported';
