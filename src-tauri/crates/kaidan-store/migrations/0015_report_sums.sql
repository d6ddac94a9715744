-- Kaidan schema, version 15 (issue 17): what the reports add up, summed ahead by day, kept by
-- triggers in the same transaction as every document that changes it (as customer_exposure
-- is), and compared with the documents by `kaidan check` (report_mismatches).
--
-- The measures (what counts as a sale: kaidan-core's report::Tally; docs/DOMAIN.md):
--   goods   delivery lines at their delivery's date, return lines negated at their return's:
--           quantity, sales without and with tax, the cost of goods of known cost, and the sales
--           of goods of unknown cost;
--   orders  orders taken (confirmed or later, not cancelled, not deleted) at their order date,
--           and their value with tax; for a product, the orders with it and its lines' value;
--   money   payments (receipts, less refunds and reversals) at their date.
--
-- report_day holds a day's; report_product a product's by day ('d'); report_customer a
-- customer's by month ('m') and day ('d'). A range is read as its whole months and the days left
-- over, or whole months less days (kaidan_core::report::DateRange::cover), so a year's ranking
-- reads twelve rows a customer instead of a year of documents. Every level kept costs each
-- delivery line a row written: kaidan-bench measured what each costs the order commit
-- (docs/BENCHMARKS.md), and these are the levels that keep it near its target.
CREATE TABLE report_day (
    day            TEXT PRIMARY KEY,
    qty_milli      INTEGER NOT NULL DEFAULT 0,
    net_cents      INTEGER NOT NULL DEFAULT 0,
    total_cents    INTEGER NOT NULL DEFAULT 0,
    cost_cents     INTEGER NOT NULL DEFAULT 0,
    unknown_cents  INTEGER NOT NULL DEFAULT 0,
    orders         INTEGER NOT NULL DEFAULT 0,
    orders_cents   INTEGER NOT NULL DEFAULT 0,
    received_cents INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE report_product (
    level          TEXT NOT NULL CHECK (level IN ('m', 'd')),
    period         TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    qty_milli      INTEGER NOT NULL DEFAULT 0,
    net_cents      INTEGER NOT NULL DEFAULT 0,
    total_cents    INTEGER NOT NULL DEFAULT 0,
    cost_cents     INTEGER NOT NULL DEFAULT 0,
    unknown_cents  INTEGER NOT NULL DEFAULT 0,
    orders         INTEGER NOT NULL DEFAULT 0,
    orders_cents   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, period, product_id)
) WITHOUT ROWID;

CREATE TABLE report_customer (
    level          TEXT NOT NULL CHECK (level IN ('y', 'm', 'd')),
    period         TEXT NOT NULL,
    customer_id    TEXT NOT NULL,
    qty_milli      INTEGER NOT NULL DEFAULT 0,
    net_cents      INTEGER NOT NULL DEFAULT 0,
    total_cents    INTEGER NOT NULL DEFAULT 0,
    cost_cents     INTEGER NOT NULL DEFAULT 0,
    unknown_cents  INTEGER NOT NULL DEFAULT 0,
    orders         INTEGER NOT NULL DEFAULT 0,
    orders_cents   INTEGER NOT NULL DEFAULT 0,
    received_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, period, customer_id)
) WITHOUT ROWID;

-- The one way into the sums: a row inserted here is added to the day, to its product (when it
-- names one) at each level and to its customer (when it names one) at each level.
CREATE VIEW report_feed AS
SELECT NULL AS day, NULL AS product_id, NULL AS customer_id, 0 AS qty_milli, 0 AS net_cents, 0 AS total_cents,
       0 AS cost_cents, 0 AS unknown_cents, 0 AS orders, 0 AS orders_cents, 0 AS received_cents
WHERE 0;

CREATE TRIGGER report_feed_add INSTEAD OF INSERT ON report_feed
BEGIN
    INSERT INTO report_day (day, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents, received_cents)
    SELECT NEW.day, COALESCE(NEW.qty_milli, 0), COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0),
           COALESCE(NEW.cost_cents, 0), COALESCE(NEW.unknown_cents, 0), COALESCE(NEW.orders, 0),
           COALESCE(NEW.orders_cents, 0), COALESCE(NEW.received_cents, 0)
    WHERE NEW.day IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents, orders = orders + excluded.orders,
        orders_cents = orders_cents + excluded.orders_cents, received_cents = received_cents + excluded.received_cents;
    INSERT INTO report_product (level, period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT l.level, l.period, NEW.product_id, COALESCE(NEW.qty_milli, 0), COALESCE(NEW.net_cents, 0),
           COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0), COALESCE(NEW.unknown_cents, 0)
    FROM (SELECT 'd' AS level, NEW.day AS period) l
    WHERE NEW.product_id IS NOT NULL AND NEW.day IS NOT NULL
    ON CONFLICT (level, period, product_id) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents;
    INSERT INTO report_customer (level, period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                                 orders, orders_cents, received_cents)
    SELECT l.level, l.period, NEW.customer_id, COALESCE(NEW.qty_milli, 0), COALESCE(NEW.net_cents, 0),
           COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0), COALESCE(NEW.unknown_cents, 0),
           COALESCE(NEW.orders, 0), COALESCE(NEW.orders_cents, 0), COALESCE(NEW.received_cents, 0)
    FROM (SELECT 'm' AS level, substr(NEW.day, 1, 7) AS period UNION ALL SELECT 'd', NEW.day) l
    WHERE NEW.customer_id IS NOT NULL AND NEW.day IS NOT NULL
    ON CONFLICT (level, period, customer_id) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents, orders = orders + excluded.orders,
        orders_cents = orders_cents + excluded.orders_cents, received_cents = received_cents + excluded.received_cents;
END;

-- A product's orders taken: one for each order with it (however many of its lines), and the
-- value of its lines. Only the product's sums: the day's and the customer's orders are whole
-- orders (report_feed).
CREATE VIEW report_product_orders AS
SELECT NULL AS day, NULL AS product_id, 0 AS orders, 0 AS orders_cents WHERE 0;

CREATE TRIGGER report_product_orders_add INSTEAD OF INSERT ON report_product_orders
BEGIN
    INSERT INTO report_product (level, period, product_id, orders, orders_cents)
    SELECT l.level, l.period, NEW.product_id, NEW.orders, NEW.orders_cents
    FROM (SELECT 'd' AS level, NEW.day AS period) l
    WHERE NEW.orders <> 0 OR NEW.orders_cents <> 0
    ON CONFLICT (level, period, product_id) DO UPDATE SET
        orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents;
END;

-- Goods delivered (a delivery's lines are written after it; an import's undo removes the lines
-- before their delivery).
-- (The busiest trigger writes its sums itself rather than through report_feed: a view's
-- INSTEAD OF trigger cost the order commit a third more; the rows are report_feed's.)
CREATE TRIGGER delivery_line_report_add AFTER INSERT ON delivery_line WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO report_day (day, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT d.delivery_date, NEW.qty_milli, COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0),
           CASE WHEN NEW.cost_cents IS NULL THEN COALESCE(NEW.net_cents, 0) ELSE 0 END
    FROM delivery d WHERE d.id = NEW.delivery_id AND d.delivery_date IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli,
        net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents,
        cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents;
    INSERT INTO report_product (level, period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT 'd', d.delivery_date, NEW.product_id, NEW.qty_milli, COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0),
           CASE WHEN NEW.cost_cents IS NULL THEN COALESCE(NEW.net_cents, 0) ELSE 0 END
    FROM delivery d WHERE d.id = NEW.delivery_id AND d.delivery_date IS NOT NULL
    ON CONFLICT (level, period, product_id) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli,
        net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents,
        cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents;
    INSERT INTO report_customer (level, period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT l.level, substr(x.day, 1, l.len), x.customer_id, NEW.qty_milli, COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0), COALESCE(NEW.cost_cents, 0),
           CASE WHEN NEW.cost_cents IS NULL THEN COALESCE(NEW.net_cents, 0) ELSE 0 END
    FROM (SELECT d.delivery_date AS day, o.customer_id FROM delivery d JOIN sales_order o ON o.id = d.order_id
          WHERE d.id = NEW.delivery_id AND d.delivery_date IS NOT NULL) x,
         (SELECT 'm' AS level, 7 AS len UNION ALL SELECT 'd', 10) l
    WHERE 1
    ON CONFLICT (level, period, customer_id) DO UPDATE SET
        qty_milli = qty_milli + excluded.qty_milli,
        net_cents = net_cents + excluded.net_cents,
        total_cents = total_cents + excluded.total_cents,
        cost_cents = cost_cents + excluded.cost_cents,
        unknown_cents = unknown_cents + excluded.unknown_cents;
END;
CREATE TRIGGER delivery_line_report_remove AFTER UPDATE OF deleted_at ON delivery_line
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
    INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT d.delivery_date, OLD.product_id, o.customer_id, -OLD.qty_milli, -COALESCE(OLD.net_cents, 0), -COALESCE(OLD.total_cents, 0),
           -COALESCE(OLD.cost_cents, 0), CASE WHEN OLD.cost_cents IS NULL THEN -COALESCE(OLD.net_cents, 0) ELSE 0 END
    FROM delivery d JOIN sales_order o ON o.id = d.order_id
    WHERE d.id = OLD.delivery_id;
END;

-- Goods returned (a return's lines are written after it and never change).
CREATE TRIGGER return_line_report_add AFTER INSERT ON return_line
BEGIN
    INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
    SELECT r.return_date, NEW.product_id, r.customer_id, -NEW.qty_milli, -COALESCE(NEW.net_cents, 0), -NEW.total_cents,
           -COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN -COALESCE(NEW.net_cents, 0) ELSE 0 END
    FROM sales_return r WHERE r.id = NEW.return_id;
END;

-- Money received (payments are never changed: a mistake is reversed by another payment).
CREATE TRIGGER payment_report_add AFTER INSERT ON payment
BEGIN
    INSERT INTO report_feed (day, customer_id, received_cents) VALUES (NEW.paid_on, NEW.customer_id, NEW.amount_cents);
END;

-- Orders taken. An order counts while it is confirmed or later, not cancelled and not deleted;
-- its lines count for their products while it does. (An order's lines are written before its
-- header changes: lines changed while it counts are the lines' triggers'; the header's trigger
-- moves the lines it has when the order starts or stops counting.)
CREATE TRIGGER sales_order_report_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
BEGIN
    INSERT INTO report_feed (day, customer_id, orders, orders_cents) VALUES (NEW.order_date, NEW.customer_id, 1, NEW.total_cents);
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL GROUP BY product_id;
END;
CREATE TRIGGER sales_order_report_change AFTER UPDATE OF status, deleted_at, total_cents, order_date, customer_id ON sales_order
WHEN (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled'))
       <> (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled'))
  OR (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND (OLD.total_cents <> NEW.total_cents OR OLD.order_date <> NEW.order_date OR OLD.customer_id <> NEW.customer_id))
BEGIN
    INSERT INTO report_feed (day, customer_id, orders, orders_cents)
    SELECT OLD.order_date, OLD.customer_id, -1, -OLD.total_cents
    WHERE OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO report_feed (day, customer_id, orders, orders_cents)
    SELECT NEW.order_date, NEW.customer_id, 1, NEW.total_cents
    WHERE NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT OLD.order_date, product_id, -1, -SUM(total_cents) FROM order_line
    WHERE order_id = OLD.id AND deleted_at IS NULL
      AND OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND NOT (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled') AND NEW.order_date = OLD.order_date)
    GROUP BY product_id;
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL
      AND NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND NOT (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled') AND NEW.order_date = OLD.order_date)
    GROUP BY product_id;
END;

-- A line added, changed or removed while its order counts.
CREATE TRIGGER order_line_report_add AFTER INSERT ON order_line WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT o.order_date, NEW.product_id,
           NOT EXISTS (SELECT 1 FROM order_line x WHERE x.order_id = NEW.order_id AND x.product_id = NEW.product_id
                         AND x.deleted_at IS NULL AND x.id <> NEW.id),
           NEW.total_cents
    FROM sales_order o
    WHERE o.id = NEW.order_id AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled');
END;
CREATE TRIGGER order_line_report_change AFTER UPDATE OF total_cents, deleted_at, product_id ON order_line
WHEN OLD.total_cents <> NEW.total_cents OR OLD.product_id <> NEW.product_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT o.order_date, OLD.product_id,
           -(NOT EXISTS (SELECT 1 FROM order_line x WHERE x.order_id = OLD.order_id AND x.product_id = OLD.product_id
                           AND x.deleted_at IS NULL AND x.id <> OLD.id)),
           -OLD.total_cents
    FROM sales_order o
    WHERE OLD.deleted_at IS NULL
      AND o.id = OLD.order_id AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT o.order_date, NEW.product_id,
           NOT EXISTS (SELECT 1 FROM order_line x WHERE x.order_id = NEW.order_id AND x.product_id = NEW.product_id
                         AND x.deleted_at IS NULL AND x.id <> NEW.id),
           NEW.total_cents
    FROM sales_order o
    WHERE NEW.deleted_at IS NULL
      AND o.id = NEW.order_id AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled');
END;

-- The shop's documents so far, summed (a group's rows once each, through the same feed).
INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
SELECT d.delivery_date, dl.product_id, o.customer_id, SUM(dl.qty_milli), SUM(COALESCE(dl.net_cents, 0)), SUM(COALESCE(dl.total_cents, 0)),
       SUM(COALESCE(dl.cost_cents, 0)), SUM(CASE WHEN dl.cost_cents IS NULL THEN COALESCE(dl.net_cents, 0) ELSE 0 END)
FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN sales_order o ON o.id = d.order_id
WHERE dl.deleted_at IS NULL
GROUP BY 1, 2, 3;
INSERT INTO report_feed (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
SELECT r.return_date, rl.product_id, r.customer_id, -SUM(rl.qty_milli), -SUM(COALESCE(rl.net_cents, 0)), -SUM(rl.total_cents),
       -SUM(COALESCE(rl.cost_cents, 0)), -SUM(CASE WHEN rl.cost_cents IS NULL THEN COALESCE(rl.net_cents, 0) ELSE 0 END)
FROM return_line rl JOIN sales_return r ON r.id = rl.return_id
GROUP BY 1, 2, 3;
INSERT INTO report_feed (day, customer_id, received_cents)
SELECT paid_on, customer_id, SUM(amount_cents) FROM payment GROUP BY 1, 2;
INSERT INTO report_feed (day, customer_id, orders, orders_cents)
SELECT order_date, customer_id, COUNT(*), SUM(total_cents) FROM sales_order
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled')
GROUP BY 1, 2;
INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
SELECT o.order_date, l.product_id, COUNT(DISTINCT o.id), SUM(l.total_cents)
FROM sales_order o JOIN order_line l ON l.order_id = o.id
WHERE o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled') AND l.deleted_at IS NULL
GROUP BY 1, 2;
