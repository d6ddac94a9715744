-- Kaidan schema, version 3: import batches. Every order, customer and product an import
-- created names its batch, so that the whole batch can be undone while nothing depends on it,
-- and a file is imported at most once (same SHA-256 and kind) until its batch is undone.
CREATE TABLE import_batch (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('orders')),
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    mapping      TEXT NOT NULL,
    counts       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('imported', 'undone')),
    operator_id  TEXT NOT NULL REFERENCES operator(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE UNIQUE INDEX import_batch_file ON import_batch(file_sha256, kind) WHERE status = 'imported';

ALTER TABLE sales_order ADD COLUMN import_batch_id TEXT REFERENCES import_batch(id);
ALTER TABLE sales_order ADD COLUMN external_number TEXT;
ALTER TABLE customer ADD COLUMN import_batch_id TEXT REFERENCES import_batch(id);
ALTER TABLE product ADD COLUMN import_batch_id TEXT REFERENCES import_batch(id);
CREATE INDEX sales_order_import ON sales_order(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX customer_import ON customer(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX product_import ON product(import_batch_id) WHERE import_batch_id IS NOT NULL;
