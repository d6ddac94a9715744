-- Kaidan schema, version 17 (issue 17): when each order was delivered in full, for the
-- fulfilment report (履约: lead time, on-time rate), kept by a trigger in the same transaction as
-- the order's status change and compared with the deliveries by `kaidan check`
-- (report_mismatches).
--
-- A row per order delivered in full (status 'delivered', not deleted), imported history left
-- out (the sheet said what was sold, not when it went out): the day its last goods went out,
-- the days from its order date to then, and the days past its promised date (NULL: no promise;
-- 0 or less: on time). The report reads a range's rows through the index, which holds every
-- column it counts.
CREATE TABLE order_fulfil (
    order_id      TEXT PRIMARY KEY,
    delivered_on  TEXT NOT NULL,
    lead_days     INTEGER NOT NULL,
    days_late     INTEGER
) WITHOUT ROWID;
CREATE INDEX order_fulfil_day ON order_fulfil(delivered_on, lead_days, days_late);

-- An order's row as its deliveries say it: the one place the trigger, this migration and
-- `kaidan check` read it from (for one order, through the order's index and its deliveries').
CREATE VIEW order_fulfil_of AS
SELECT order_id, day AS delivered_on,
       CAST(julianday(day) - julianday(order_date) AS INTEGER) AS lead_days,
       CASE WHEN deliver_by IS NULL THEN NULL ELSE CAST(julianday(day) - julianday(deliver_by) AS INTEGER) END AS days_late
FROM (SELECT o.id AS order_id, o.order_date, o.deliver_by,
             (SELECT MAX(d.delivery_date) FROM delivery d WHERE d.order_id = o.id AND d.deleted_at IS NULL) AS day
      FROM sales_order o
      WHERE o.status = 'delivered' AND o.deleted_at IS NULL AND o.import_batch_id IS NULL)
WHERE day IS NOT NULL;

CREATE TRIGGER sales_order_fulfil AFTER UPDATE OF status, deleted_at ON sales_order
WHEN NEW.import_batch_id IS NULL
 AND (OLD.status = 'delivered' AND OLD.deleted_at IS NULL) <> (NEW.status = 'delivered' AND NEW.deleted_at IS NULL)
BEGIN
    DELETE FROM order_fulfil WHERE order_id = NEW.id;
    INSERT INTO order_fulfil (order_id, delivered_on, lead_days, days_late)
    SELECT order_id, delivered_on, lead_days, days_late FROM order_fulfil_of WHERE order_id = NEW.id;
END;

INSERT INTO order_fulfil (order_id, delivered_on, lead_days, days_late)
SELECT order_id, delivered_on, lead_days, days_late FROM order_fulfil_of;
