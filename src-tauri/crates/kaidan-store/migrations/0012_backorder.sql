-- Kaidan schema, version 12 (issue 16): backorders. An order the shelf could not cover may be
-- confirmed as a backorder: what the shelf has is reserved, the rest of each line waits for
-- stock (缺货待补) and is reserved as stock comes in. `backordered_milli` is that waiting part
-- of the line's undelivered remainder; the reservation an open order holds is
-- qty − delivered − backordered per line (`kaidan check` holds the balances to it). Existing
-- lines wait for nothing.
ALTER TABLE order_line ADD COLUMN backordered_milli INTEGER NOT NULL DEFAULT 0 CHECK (backordered_milli >= 0);
-- the open orders a delivery of goods fills, per product
CREATE INDEX order_line_backordered ON order_line (product_id, order_id) WHERE backordered_milli > 0 AND deleted_at IS NULL;
