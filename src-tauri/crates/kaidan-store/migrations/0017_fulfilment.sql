-- Kaidan schema, version 17 (issue 17): when each order was delivered in full, for the
-- fulfilment report (履约: lead time, on-time rate), and the money of each day by method, for
-- the collections report (收款) — kept by triggers in the same transaction as the order's status
-- change and the payment, and compared with the documents by `kaidan check`
-- (report_mismatches).
--
-- A row per order delivered in full (status 'delivered', not deleted), imported history left
-- out (the sheet said what was sold, not when it went out): the day its last goods went out,
-- the days from its order date to then, and the days past its promised date (NULL: no promise;
-- 0 or less: on time). Its rows are counted by day, lead time and promise (0: none made,
-- 1: kept, 2: broken) in report_fulfil, which the report reads: a year is a few thousand rows
-- instead of every order of it.
CREATE TABLE order_fulfil (
    order_id      TEXT PRIMARY KEY,
    delivered_on  TEXT NOT NULL,
    lead_days     INTEGER NOT NULL,
    days_late     INTEGER
) WITHOUT ROWID;
CREATE TABLE report_fulfil (
    day        TEXT NOT NULL,
    lead_days  INTEGER NOT NULL,
    promise    INTEGER NOT NULL CHECK (promise IN (0, 1, 2)),
    orders     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, lead_days, promise)
) WITHOUT ROWID;
CREATE TRIGGER order_fulfil_add AFTER INSERT ON order_fulfil
BEGIN
    INSERT INTO report_fulfil (day, lead_days, promise, orders)
    VALUES (NEW.delivered_on, NEW.lead_days, CASE WHEN NEW.days_late IS NULL THEN 0 WHEN NEW.days_late <= 0 THEN 1 ELSE 2 END, 1)
    ON CONFLICT (day, lead_days, promise) DO UPDATE SET orders = orders + 1;
END;
CREATE TRIGGER order_fulfil_remove AFTER DELETE ON order_fulfil
BEGIN
    UPDATE report_fulfil SET orders = orders - 1
    WHERE day = OLD.delivered_on AND lead_days = OLD.lead_days
      AND promise = CASE WHEN OLD.days_late IS NULL THEN 0 WHEN OLD.days_late <= 0 THEN 1 ELSE 2 END;
END;

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

CREATE TRIGGER sales_order_report_fulfil AFTER UPDATE OF status, deleted_at ON sales_order
WHEN NEW.import_batch_id IS NULL
 AND (OLD.status = 'delivered' AND OLD.deleted_at IS NULL) <> (NEW.status = 'delivered' AND NEW.deleted_at IS NULL)
BEGIN
    DELETE FROM order_fulfil WHERE order_id = NEW.id;
    INSERT INTO order_fulfil (order_id, delivered_on, lead_days, days_late)
    SELECT order_id, delivered_on, lead_days, days_late FROM order_fulfil_of WHERE order_id = NEW.id;
END;

INSERT INTO order_fulfil (order_id, delivered_on, lead_days, days_late)
SELECT order_id, delivered_on, lead_days, days_late FROM order_fulfil_of;

-- Money by day and method: receipts in, refunds out (positive), a reversal where the payment it
-- undoes belongs (a reversed receipt took nothing in). The view says it for each payment: the
-- one place the trigger, this migration and `kaidan check` read it from.
CREATE VIEW payment_money AS
SELECT p.id AS payment_id, p.paid_on AS day, p.method,
       CASE WHEN p.kind = 'receipt' OR (p.kind = 'reversal' AND r.kind = 'receipt') THEN p.amount_cents ELSE 0 END AS received_cents,
       CASE WHEN p.kind = 'refund' OR (p.kind = 'reversal' AND r.kind = 'refund') THEN -p.amount_cents ELSE 0 END AS refunded_cents
FROM payment p LEFT JOIN payment r ON p.kind = 'reversal' AND r.id = p.reverses_id;

CREATE TABLE report_money (
    day             TEXT NOT NULL,
    method          TEXT NOT NULL,
    received_cents  INTEGER NOT NULL DEFAULT 0,
    refunded_cents  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, method)
) WITHOUT ROWID;
CREATE TRIGGER payment_report_money AFTER INSERT ON payment
BEGIN
    INSERT INTO report_money (day, method, received_cents, refunded_cents)
    SELECT day, method, received_cents, refunded_cents FROM payment_money WHERE payment_id = NEW.id
    ON CONFLICT (day, method) DO UPDATE SET
        received_cents = received_cents + excluded.received_cents,
        refunded_cents = refunded_cents + excluded.refunded_cents;
END;
INSERT INTO report_money (day, method, received_cents, refunded_cents)
SELECT day, method, SUM(received_cents), SUM(refunded_cents) FROM payment_money GROUP BY day, method;
