-- The outbox made cheap to write (issue 21: a linked counter's order commit within 10 % of one
-- PC's). Each captured change is now a short row: an insert names the row and keeps no copy of
-- it; an update keeps the row as it was before (for the server's stale-edit check). The row
-- after a change is worked out when the outbox is read (`sync.rs`, `Db::outbox`): the `before`
-- of that row's next change here, else the row as it is now; before changes from the server
-- are written without capture, every change still waiting is given its row (`fill_rows`).
-- A transaction's end is one row of `sync_outbox_tx` instead of a number written on each of
-- its changes.

-- the capture triggers name the old table; the store makes them again at open (`install_capture`)
DROP TRIGGER IF EXISTS sync_out_device_insert;
DROP TRIGGER IF EXISTS sync_out_device_update;
DROP TRIGGER IF EXISTS sync_out_operator_insert;
DROP TRIGGER IF EXISTS sync_out_operator_update;
DROP TRIGGER IF EXISTS sync_out_company_insert;
DROP TRIGGER IF EXISTS sync_out_company_update;
DROP TRIGGER IF EXISTS sync_out_location_insert;
DROP TRIGGER IF EXISTS sync_out_location_update;
DROP TRIGGER IF EXISTS sync_out_import_batch_insert;
DROP TRIGGER IF EXISTS sync_out_import_batch_update;
DROP TRIGGER IF EXISTS sync_out_product_insert;
DROP TRIGGER IF EXISTS sync_out_product_update;
DROP TRIGGER IF EXISTS sync_out_customer_insert;
DROP TRIGGER IF EXISTS sync_out_customer_update;
DROP TRIGGER IF EXISTS sync_out_number_series_insert;
DROP TRIGGER IF EXISTS sync_out_number_series_update;
DROP TRIGGER IF EXISTS sync_out_sales_order_insert;
DROP TRIGGER IF EXISTS sync_out_sales_order_update;
DROP TRIGGER IF EXISTS sync_out_order_line_insert;
DROP TRIGGER IF EXISTS sync_out_order_line_update;
DROP TRIGGER IF EXISTS sync_out_delivery_insert;
DROP TRIGGER IF EXISTS sync_out_delivery_update;
DROP TRIGGER IF EXISTS sync_out_delivery_line_insert;
DROP TRIGGER IF EXISTS sync_out_delivery_line_update;
DROP TRIGGER IF EXISTS sync_out_sales_return_insert;
DROP TRIGGER IF EXISTS sync_out_sales_return_update;
DROP TRIGGER IF EXISTS sync_out_invoice_insert;
DROP TRIGGER IF EXISTS sync_out_invoice_update;
DROP TRIGGER IF EXISTS sync_out_invoice_line_insert;
DROP TRIGGER IF EXISTS sync_out_invoice_line_update;
DROP TRIGGER IF EXISTS sync_out_payment_insert;
DROP TRIGGER IF EXISTS sync_out_payment_update;
DROP TRIGGER IF EXISTS sync_out_allocation_insert;
DROP TRIGGER IF EXISTS sync_out_allocation_update;
DROP TRIGGER IF EXISTS sync_out_return_line_insert;
DROP TRIGGER IF EXISTS sync_out_return_line_update;
DROP TRIGGER IF EXISTS sync_out_stock_move_insert;
DROP TRIGGER IF EXISTS sync_out_stock_move_update;

CREATE TABLE sync_outbox_new (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update')),
    row_id  TEXT NOT NULL,
    -- the row after the change (travelling columns as text, JSON); NULL: not written yet
    row     TEXT,
    -- an update's row before it, whole
    before  TEXT
);
INSERT INTO sync_outbox_new (seq, tbl, op, row_id, row, before) SELECT seq, tbl, op, row_id, row, before FROM sync_outbox;

-- the last change of each transaction; the changes after the last row here until the next are one transaction
CREATE TABLE sync_outbox_tx (last_seq INTEGER PRIMARY KEY);
INSERT INTO sync_outbox_tx (last_seq) SELECT MAX(seq) FROM sync_outbox GROUP BY COALESCE(tx, seq);

-- the change numbers go on from where they were (a number is never given twice)
DELETE FROM sqlite_sequence WHERE name = 'sync_outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_outbox_new', seq FROM sqlite_sequence WHERE name = 'sync_outbox';
DROP TABLE sync_outbox;
ALTER TABLE sync_outbox_new RENAME TO sync_outbox;
