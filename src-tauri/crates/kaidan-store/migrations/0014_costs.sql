-- Kaidan schema, version 14 (issue 17): what goods cost, and what each delivery and return
-- sold, so that reports count sales and gross profit from the documents, fixed when they happen.
--
-- Cost: each product's moving weighted average cost on the shelf (NULL: not known), kept with
-- its balance by every movement in the same transaction (kaidan_core::cost). Goods leaving take
-- it into the ledger (stock_move.unit_cost_e4) and onto their document line (cost_cents).
-- Shops from before: the product's own cost (the product form's) when one was set, else unknown;
-- what left the shelf before this version has no recorded cost: unknown.
ALTER TABLE stock_balance ADD COLUMN avg_cost_e4 INTEGER CHECK (avg_cost_e4 IS NULL OR avg_cost_e4 >= 0);
UPDATE stock_balance SET avg_cost_e4 = (SELECT NULLIF(p.cost_e4, 0) FROM product p WHERE p.id = stock_balance.product_id);

-- A delivery's date in the shop (local), which sales are counted on. Imported history was
-- delivered on its order's date; other deliveries before this version on their UTC date.
ALTER TABLE delivery ADD COLUMN delivery_date TEXT;
UPDATE delivery SET delivery_date = COALESCE(
    (SELECT o.order_date FROM sales_order o
      WHERE o.id = delivery.order_id AND o.import_batch_id IS NOT NULL AND o.created_at = delivery.created_at),
    substr(created_at, 1, 10));
CREATE INDEX delivery_date ON delivery(delivery_date) WHERE deleted_at IS NULL;

-- What a delivery line sold: its share of the order line's money (the last delivery of a line
-- takes what is left, so a line's deliveries add up to it to the fen) without tax (net), the
-- tax, and with it (total); and the cost of the goods (NULL: not known). Rows from before: the
-- line's money in proportion, cost unknown.
ALTER TABLE delivery_line ADD COLUMN net_cents INTEGER;
ALTER TABLE delivery_line ADD COLUMN tax_cents INTEGER;
ALTER TABLE delivery_line ADD COLUMN total_cents INTEGER;
ALTER TABLE delivery_line ADD COLUMN cost_cents INTEGER;
UPDATE delivery_line SET
    total_cents = (SELECT (l.total_cents * delivery_line.qty_milli * 2 + l.qty_milli) / (2 * l.qty_milli)
                     FROM order_line l WHERE l.id = delivery_line.order_line_id),
    tax_cents = (SELECT (l.tax_cents * delivery_line.qty_milli * 2 + l.qty_milli) / (2 * l.qty_milli)
                   FROM order_line l WHERE l.id = delivery_line.order_line_id);
UPDATE delivery_line SET net_cents = total_cents - tax_cents;
-- a line's deliveries, read by every delivery (its share) and return (its cost)
CREATE INDEX delivery_line_order_line ON delivery_line(order_line_id);

-- What a return line took back without tax (net; total_cents is with it), and the cost of the
-- goods that came back onto the shelf (0 when they were written off: their cost stays sold;
-- NULL: not known). Rows from before: the value split like its order line's, cost unknown.
ALTER TABLE return_line ADD COLUMN net_cents INTEGER;
ALTER TABLE return_line ADD COLUMN cost_cents INTEGER;
DROP TRIGGER return_line_no_update;
UPDATE return_line SET net_cents = (
    SELECT CASE WHEN l.total_cents = 0 THEN 0
                ELSE (return_line.total_cents * (l.total_cents - l.tax_cents) * 2 + l.total_cents) / (2 * l.total_cents) END
      FROM order_line l WHERE l.id = return_line.order_line_id);
UPDATE return_line SET cost_cents = 0 WHERE restock = 0;
CREATE TRIGGER return_line_no_update BEFORE UPDATE ON return_line
BEGIN SELECT RAISE(ABORT, 'a return is never changed'); END;
CREATE INDEX sales_return_date ON sales_return(return_date);

-- Money received by its date: the reports' ranges (orders have their date's index).
CREATE INDEX payment_paid_on ON payment(paid_on);
