-- Invoices and credit notes (issue 5). Both are documents that leave the shop: once written they
-- are never updated or deleted (the triggers below refuse it); a mistake is taken back by a
-- credit note that references the invoice. Numbers come from the device's series inside the
-- issuing transaction (INV-2026-000001, CN-2026-000001), so they are gap-free.
-- Credit notes carry negative amounts, so SUM(total_cents) over a customer's rows is what they
-- were billed, net. Quantities stay positive (how much was invoiced or credited).
CREATE TABLE invoice (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    number              TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    order_id            TEXT NOT NULL REFERENCES sales_order(id),
    customer_id         TEXT NOT NULL REFERENCES customer(id),
    credits_id          TEXT REFERENCES invoice(id),
    issue_date          TEXT NOT NULL,
    due_date            TEXT,
    prices_include_tax  INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
    subtotal_cents      INTEGER NOT NULL,
    tax_cents           INTEGER NOT NULL,
    total_cents         INTEGER NOT NULL,
    reason              TEXT,
    created_by          TEXT NOT NULL REFERENCES operator(id),
    device_id           TEXT NOT NULL REFERENCES device(id),
    created_at          TEXT NOT NULL,
    CHECK ((kind = 'invoice') = (credits_id IS NULL)),
    CHECK ((kind = 'invoice' AND total_cents >= 0) OR (kind = 'credit_note' AND total_cents <= 0))
);
CREATE INDEX invoice_order ON invoice(order_id);
CREATE INDEX invoice_customer ON invoice(customer_id, issue_date);
CREATE INDEX invoice_credits ON invoice(credits_id) WHERE credits_id IS NOT NULL;

CREATE TABLE invoice_line (
    id              TEXT PRIMARY KEY,
    invoice_id      TEXT NOT NULL REFERENCES invoice(id),
    line_no         INTEGER NOT NULL,
    order_line_id   TEXT NOT NULL REFERENCES order_line(id),
    credits_line_id TEXT REFERENCES invoice_line(id),
    product_id      TEXT NOT NULL REFERENCES product(id),
    sku             TEXT NOT NULL,
    name            TEXT NOT NULL,
    spec            TEXT,
    unit            TEXT NOT NULL,
    qty_milli       INTEGER NOT NULL CHECK (qty_milli > 0),
    unit_price_e4   INTEGER NOT NULL CHECK (unit_price_e4 >= 0),
    discount_bp     INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
    tax_rate_bp     INTEGER NOT NULL,
    amount_cents    INTEGER NOT NULL,
    tax_cents       INTEGER NOT NULL,
    total_cents     INTEGER NOT NULL,
    UNIQUE (invoice_id, line_no)
);
CREATE INDEX invoice_line_order_line ON invoice_line(order_line_id);
CREATE INDEX invoice_line_credits ON invoice_line(credits_line_id) WHERE credits_line_id IS NOT NULL;

CREATE TRIGGER invoice_no_update BEFORE UPDATE ON invoice
BEGIN SELECT RAISE(ABORT, 'an issued invoice or credit note is never changed'); END;
CREATE TRIGGER invoice_no_delete BEFORE DELETE ON invoice
BEGIN SELECT RAISE(ABORT, 'an issued invoice or credit note is never deleted'); END;
CREATE TRIGGER invoice_line_no_update BEFORE UPDATE ON invoice_line
BEGIN SELECT RAISE(ABORT, 'an issued invoice or credit note is never changed'); END;
CREATE TRIGGER invoice_line_no_delete BEFORE DELETE ON invoice_line
BEGIN SELECT RAISE(ABORT, 'an issued invoice or credit note is never deleted'); END;

-- Every time a document was printed or saved as PDF (a preview is not a print). The first is
-- the original; every later one is marked 副本 / COPY. Append-only.
CREATE TABLE print_log (
    id           TEXT PRIMARY KEY,
    doc_type     TEXT NOT NULL CHECK (doc_type IN ('invoice', 'credit_note', 'delivery_note', 'receipt')),
    doc_number   TEXT NOT NULL,
    paper        TEXT NOT NULL,
    with_prices  INTEGER NOT NULL CHECK (with_prices IN (0, 1)),
    copy         INTEGER NOT NULL CHECK (copy IN (0, 1)),
    operator_id  TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX print_log_doc ON print_log(doc_type, doc_number);
CREATE TRIGGER print_log_no_update BEFORE UPDATE ON print_log
BEGIN SELECT RAISE(ABORT, 'print_log is append-only'); END;
CREATE TRIGGER print_log_no_delete BEFORE DELETE ON print_log
BEGIN SELECT RAISE(ABORT, 'print_log is append-only'); END;

-- The company's logo for document headers (PNG or JPEG, at most 512 KiB, checked by the app).
ALTER TABLE company ADD COLUMN logo BLOB;
