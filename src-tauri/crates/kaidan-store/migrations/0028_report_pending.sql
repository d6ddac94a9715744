-- Kaidan schema, version 28 (issue 17): the reports' sums no longer cost the order commit a
-- row written in each of them for every line. The documents' triggers (0015) now append what
-- they add up to report_pending — one row, no index to keep — and the store adds those rows
-- to report_day, report_product and report_customer later, grouped, in one transaction
-- (kaidan-store `Db::fold_reports`: before a report is read, and after a write once a few
-- thousand are waiting). A report reads the sums and the rows still waiting alike, so what it
-- shows never depends on when they were added up; `kaidan check` compares both with the
-- documents. Adding up later also lets the customers' sums keep a year level again (a year's
-- ranking reads one row a customer instead of twelve) without the commit paying for it.
--
-- A row is what report_feed was given (only_product 0: the day, its product's goods when it
-- names one, its customer's when it names one), or what report_product_orders was given
-- (only_product 1: a product's orders taken, nothing else).
CREATE TABLE report_pending (
    day            TEXT NOT NULL,
    product_id     TEXT,
    customer_id    TEXT,
    only_product   INTEGER NOT NULL DEFAULT 0 CHECK (only_product IN (0, 1)),
    qty_milli      INTEGER NOT NULL DEFAULT 0,
    net_cents      INTEGER NOT NULL DEFAULT 0,
    total_cents    INTEGER NOT NULL DEFAULT 0,
    cost_cents     INTEGER NOT NULL DEFAULT 0,
    unknown_cents  INTEGER NOT NULL DEFAULT 0,
    orders         INTEGER NOT NULL DEFAULT 0,
    orders_cents   INTEGER NOT NULL DEFAULT 0,
    received_cents INTEGER NOT NULL DEFAULT 0,
    -- goods delivered or returned: their order, and +1 (a line) or -1 (a line removed)
    order_id       TEXT,
    lines          INTEGER NOT NULL DEFAULT 0
);

-- Each order's goods delivered less returned over its life (as the reports count them: a
-- delivery's lines while they stand, a return's whatever became of the order), the first and
-- last day its goods moved, and how many lines stand (0: none — an import undone). Added up
-- from report_pending with the sums. The profit report's best orders of a range are the
-- orders whose goods all moved inside it (read in order of their first day through an index
-- holding every figure it ranks by) and, computed from their documents, the orders whose goods
-- moved on both sides of one of its ends (their days apart: report_order_spread) and those
-- with rows still waiting. A row's days only ever widen: a wider span sends an order to the
-- documents, never out of a range it belongs to.
CREATE TABLE report_order (
    order_id       TEXT PRIMARY KEY,
    first_day      TEXT NOT NULL,
    last_day       TEXT NOT NULL,
    lines          INTEGER NOT NULL DEFAULT 0,
    qty_milli      INTEGER NOT NULL DEFAULT 0,
    net_cents      INTEGER NOT NULL DEFAULT 0,
    total_cents    INTEGER NOT NULL DEFAULT 0,
    cost_cents     INTEGER NOT NULL DEFAULT 0,
    unknown_cents  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX report_order_days ON report_order(first_day, last_day, lines, net_cents, cost_cents, unknown_cents, qty_milli, total_cents);
CREATE INDEX report_order_spread ON report_order(last_day, first_day) WHERE last_day <> first_day;
INSERT INTO report_order (order_id, first_day, last_day, lines, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
SELECT oid, MIN(day), MAX(day), COUNT(*), SUM(q), SUM(n), SUM(t), SUM(c), SUM(u) FROM (
    SELECT d.order_id AS oid, d.delivery_date AS day, dl.qty_milli AS q, COALESCE(dl.net_cents, 0) AS n,
           COALESCE(dl.total_cents, 0) AS t, COALESCE(dl.cost_cents, 0) AS c,
           CASE WHEN dl.cost_cents IS NULL THEN COALESCE(dl.net_cents, 0) ELSE 0 END AS u
    FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN sales_order o ON o.id = d.order_id
    WHERE dl.deleted_at IS NULL AND d.deleted_at IS NULL AND o.deleted_at IS NULL AND d.delivery_date IS NOT NULL
    UNION ALL
    SELECT r.order_id, r.return_date, -rl.qty_milli, -COALESCE(rl.net_cents, 0), -rl.total_cents, -COALESCE(rl.cost_cents, 0),
           CASE WHEN rl.cost_cents IS NULL THEN -COALESCE(rl.net_cents, 0) ELSE 0 END
    FROM return_line rl JOIN sales_return r ON r.id = rl.return_id)
GROUP BY oid;

-- The feed gains the goods' order and line count (a view is made again to change its columns).
DROP VIEW report_feed;
CREATE VIEW report_feed AS
SELECT NULL AS day, NULL AS product_id, NULL AS customer_id, 0 AS qty_milli, 0 AS net_cents, 0 AS total_cents,
       0 AS cost_cents, 0 AS unknown_cents, 0 AS orders, 0 AS orders_cents, 0 AS received_cents, NULL AS order_id, 0 AS lines
WHERE 0;

CREATE TRIGGER report_feed_add INSTEAD OF INSERT ON report_feed
WHEN NEW.day IS NOT NULL
BEGIN
    INSERT INTO report_pending (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                                orders, orders_cents, received_cents, order_id, lines)
    VALUES (NEW.day, NEW.product_id, NEW.customer_id, COALESCE(NEW.qty_milli, 0), COALESCE(NEW.net_cents, 0),
            COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0), COALESCE(NEW.unknown_cents, 0), COALESCE(NEW.orders, 0),
            COALESCE(NEW.orders_cents, 0), COALESCE(NEW.received_cents, 0), NEW.order_id, COALESCE(NEW.lines, 0));
END;

DROP TRIGGER report_product_orders_add;
CREATE TRIGGER report_product_orders_add INSTEAD OF INSERT ON report_product_orders
WHEN NEW.orders <> 0 OR NEW.orders_cents <> 0
BEGIN
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    VALUES (NEW.day, NEW.product_id, 1, NEW.orders, NEW.orders_cents);
END;

-- Goods delivered: the busiest trigger appends its row itself (not through the view).
DROP TRIGGER delivery_line_report_add;
CREATE TRIGGER delivery_line_report_add AFTER INSERT ON delivery_line WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO report_pending (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                                order_id, lines)
    SELECT d.delivery_date, NEW.product_id, o.customer_id, NEW.qty_milli, COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0),
           COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN COALESCE(NEW.net_cents, 0) ELSE 0 END, d.order_id, 1
    FROM delivery d JOIN sales_order o ON o.id = d.order_id
    WHERE d.id = NEW.delivery_id AND d.delivery_date IS NOT NULL;
END;
DROP TRIGGER delivery_line_report_remove;
CREATE TRIGGER delivery_line_report_remove AFTER UPDATE OF deleted_at ON delivery_line
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
    INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, order_id, lines)
    SELECT d.delivery_date, OLD.product_id, o.customer_id, -OLD.qty_milli, -COALESCE(OLD.net_cents, 0), -COALESCE(OLD.total_cents, 0),
           -COALESCE(OLD.cost_cents, 0), CASE WHEN OLD.cost_cents IS NULL THEN -COALESCE(OLD.net_cents, 0) ELSE 0 END, d.order_id, -1
    FROM delivery d JOIN sales_order o ON o.id = d.order_id
    WHERE d.id = OLD.delivery_id;
END;
DROP TRIGGER return_line_report_add;
CREATE TRIGGER return_line_report_add AFTER INSERT ON return_line
BEGIN
    INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, order_id, lines)
    SELECT r.return_date, NEW.product_id, r.customer_id, -NEW.qty_milli, -COALESCE(NEW.net_cents, 0), -NEW.total_cents,
           -COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN -COALESCE(NEW.net_cents, 0) ELSE 0 END, r.order_id, 1
    FROM sales_return r WHERE r.id = NEW.return_id;
END;

-- Orders taken, straight to the rows waiting (the view's INSTEAD OF trigger is a program more).
DROP TRIGGER sales_order_report_add;
CREATE TRIGGER sales_order_report_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
BEGIN
    INSERT INTO report_pending (day, customer_id, orders, orders_cents) VALUES (NEW.order_date, NEW.customer_id, 1, NEW.total_cents);
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL GROUP BY product_id;
END;

-- The customers' year level, from their months.
DELETE FROM report_customer WHERE level = 'y';
INSERT INTO report_customer (level, period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                             orders, orders_cents, received_cents)
SELECT 'y', substr(period, 1, 4), customer_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents),
       SUM(unknown_cents), SUM(orders), SUM(orders_cents), SUM(received_cents)
FROM report_customer WHERE level = 'm'
GROUP BY 2, 3;
