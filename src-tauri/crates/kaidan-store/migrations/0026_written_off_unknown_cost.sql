-- Kaidan schema, version 26 (issue 17): goods of unknown cost taken back and written off.
-- A written-off return takes back no cost of goods sold (the goods' cost stays sold), and was
-- written with cost 0 — a known nothing — even when the goods had left the shelf at an unknown
-- cost. The sales it took back then counted as of known cost: the range's gross profit fell
-- by their price, and the customers' new/returning split and regions (which leave out a
-- customer whose range nets to nothing sold) no longer added up to the overview. Such a line's
-- cost is unknown, as its goods' was (kaidan-core `cost::returned_cost`; "was": a delivery of
-- the line made before the return had no cost, as `DELIVERED_COST` read it then); the sums are
-- moved with it. (A return is otherwise never changed: its guard is lifted for this one correction.)
-- On a counter of a shop with a server the correction is not sent (every counter makes it to
-- its own file when it opens; the server keeps what was sent before).
UPDATE sync_config SET capturing = 0;
-- The lines to mend, found once: written off at cost 0 after a delivery of the line with none.
CREATE TEMP TABLE mend_written_off AS
SELECT rl.id, r.return_date AS day, rl.product_id, r.customer_id, COALESCE(rl.net_cents, 0) AS net_cents
FROM return_line rl JOIN sales_return r ON r.id = rl.return_id
WHERE rl.restock = 0 AND rl.cost_cents = 0
  AND EXISTS (SELECT 1 FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id
              WHERE dl.order_line_id = rl.order_line_id AND dl.deleted_at IS NULL AND d.deleted_at IS NULL
                AND dl.cost_cents IS NULL AND d.created_at <= r.created_at);
INSERT INTO report_feed (day, product_id, customer_id, unknown_cents)
SELECT day, product_id, customer_id, -net_cents FROM mend_written_off WHERE net_cents <> 0;
DROP TRIGGER return_line_no_update;
UPDATE return_line SET cost_cents = NULL WHERE id IN (SELECT id FROM mend_written_off);
DROP TABLE mend_written_off;
CREATE TRIGGER return_line_no_update BEFORE UPDATE ON return_line
BEGIN SELECT RAISE(ABORT, 'a return is never changed'); END;
UPDATE sync_config SET capturing = 1;
