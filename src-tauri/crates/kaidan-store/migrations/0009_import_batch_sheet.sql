-- Kaidan schema, version 9: a workbook often keeps a year a sheet (2023年, 2024年), so each
-- sheet of a file is imported once, rather than the file once. `sheet` is the sheet's name
-- (empty for a CSV). A batch from before has no sheet recorded (''): it stands for the whole
-- file, as it did when it was imported (kaidan-store `import_batch_of_file`).
ALTER TABLE import_batch ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
DROP INDEX import_batch_file;
CREATE UNIQUE INDEX import_batch_file ON import_batch(file_sha256, kind, sheet) WHERE status = 'imported';
