-- Open orders from an old sheet (issue 6): imported as the shop's own orders — confirmed, stock
-- reserved, counted in the credit exposure like any order — so they carry no import_batch_id
-- (that marks settled history, left out of exposure and receivables). The batch that made each
-- one is kept here instead, for undo.
CREATE TABLE import_open_order (
    id          TEXT PRIMARY KEY,
    batch_id    TEXT NOT NULL REFERENCES import_batch(id),
    order_id    TEXT NOT NULL UNIQUE REFERENCES sales_order(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX import_open_order_batch ON import_open_order(batch_id);

-- An order's number in the sheet it came from is found by the order search too: the search
-- text of orders imported before this version is written again with it.
DELETE FROM order_search WHERE rowid IN (SELECT seq FROM sales_order WHERE external_number IS NOT NULL);
INSERT INTO order_search (rowid, body)
SELECT o.seq, o.number || ' ' || o.external_number || ' ' || c.name || ' ' || COALESCE(c.phones, '') || ' ' ||
       COALESCE((SELECT group_concat(l.sku || ' ' || l.name, ' ') FROM order_line l
                 WHERE l.order_id = o.id AND l.deleted_at IS NULL), '')
FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.external_number IS NOT NULL;
