-- Kaidan schema, version 18 (issue 17): who buys again, who has gone quiet, and where orders
-- come from.
--
-- A customer's orders by date: the index by customer alone becomes one by customer and order
-- date (every read by customer still uses it as its first column, so an order's commit writes no
-- more index entries than before); it finds a customer's first and last order in one step when
-- customer_orders below must read them again.
DROP INDEX sales_order_customer;
CREATE INDEX sales_order_customer ON sales_order(customer_id, order_date);

-- Each customer's orders taken (confirmed or later, not cancelled, not deleted: report_day's
-- orders): the first and last order date, how many, and their value with tax — new and returning
-- customers and inactive ones read it, one row a customer. Kept by the order's triggers; a
-- customer with no order taken has no row. Compared with the orders by `kaidan check`.
CREATE TABLE customer_orders (
    customer_id   TEXT PRIMARY KEY,
    first_day     TEXT NOT NULL,
    last_day      TEXT NOT NULL,
    orders        INTEGER NOT NULL,
    orders_cents  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER sales_order_report_buyer_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
BEGIN
    INSERT INTO customer_orders (customer_id, first_day, last_day, orders, orders_cents)
    VALUES (NEW.customer_id, NEW.order_date, NEW.order_date, 1, NEW.total_cents)
    ON CONFLICT (customer_id) DO UPDATE SET
        first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day),
        orders = orders + 1, orders_cents = orders_cents + excluded.orders_cents;
END;

CREATE TRIGGER sales_order_report_buyer_change AFTER UPDATE OF status, deleted_at, total_cents, order_date, customer_id ON sales_order
WHEN (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled'))
       <> (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled'))
  OR (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND (OLD.total_cents <> NEW.total_cents OR OLD.order_date <> NEW.order_date OR OLD.customer_id <> NEW.customer_id))
BEGIN
    -- the order as it was out, as it is in
    UPDATE customer_orders SET orders = orders - 1, orders_cents = orders_cents - OLD.total_cents
    WHERE customer_id = OLD.customer_id AND OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO customer_orders (customer_id, first_day, last_day, orders, orders_cents)
    SELECT NEW.customer_id, NEW.order_date, NEW.order_date, 1, NEW.total_cents
    WHERE NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
    ON CONFLICT (customer_id) DO UPDATE SET
        first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day),
        orders = orders + 1, orders_cents = orders_cents + excluded.orders_cents;
    -- the order taken out may have been the first or the last: read them again from the orders
    DELETE FROM customer_orders WHERE customer_id = OLD.customer_id AND orders = 0;
    UPDATE customer_orders SET
        first_day = (SELECT min(o.order_date) FROM sales_order o WHERE o.customer_id = OLD.customer_id
                       AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled')),
        last_day = (SELECT max(o.order_date) FROM sales_order o WHERE o.customer_id = OLD.customer_id
                      AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled'))
    WHERE customer_id = OLD.customer_id AND OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND (OLD.order_date = first_day OR OLD.order_date = last_day);
END;

INSERT INTO customer_orders (customer_id, first_day, last_day, orders, orders_cents)
SELECT customer_id, min(order_date), max(order_date), COUNT(*), SUM(total_cents) FROM sales_order
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled')
GROUP BY customer_id;

-- Orders taken (confirmed or later, not cancelled, not deleted: report_day's orders) by their
-- date and channel (电话, 微信, 门店, 邮件, 网店, 其他), and their value with tax. Kept by the
-- order's own triggers, as report_day's orders are (0015); compared with the orders by
-- `kaidan check` (report_mismatches).
CREATE TABLE report_channel (
    day           TEXT NOT NULL,
    channel       TEXT NOT NULL,
    orders        INTEGER NOT NULL DEFAULT 0,
    orders_cents  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel)
) WITHOUT ROWID;

CREATE TRIGGER sales_order_report_channel_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
BEGIN
    INSERT INTO report_channel (day, channel, orders, orders_cents) VALUES (NEW.order_date, NEW.channel, 1, NEW.total_cents)
    ON CONFLICT (day, channel) DO UPDATE SET
        orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents;
END;

CREATE TRIGGER sales_order_report_channel_change AFTER UPDATE OF status, deleted_at, total_cents, order_date, channel ON sales_order
WHEN (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled'))
       <> (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled'))
  OR (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND (OLD.total_cents <> NEW.total_cents OR OLD.order_date <> NEW.order_date OR OLD.channel <> NEW.channel))
BEGIN
    INSERT INTO report_channel (day, channel, orders, orders_cents)
    SELECT OLD.order_date, OLD.channel, -1, -OLD.total_cents
    WHERE OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled')
    ON CONFLICT (day, channel) DO UPDATE SET
        orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents;
    INSERT INTO report_channel (day, channel, orders, orders_cents)
    SELECT NEW.order_date, NEW.channel, 1, NEW.total_cents
    WHERE NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
    ON CONFLICT (day, channel) DO UPDATE SET
        orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents;
END;

INSERT INTO report_channel (day, channel, orders, orders_cents)
SELECT order_date, channel, COUNT(*), SUM(total_cents) FROM sales_order
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled')
GROUP BY order_date, channel;
