-- Kaidan schema, version 18 (issue 17): who buys again, who has gone quiet, and where orders
-- come from.
--
-- A customer's orders by date: their first order taken (new or returning in a range) and their
-- last (inactive customers) are one step into this index each. It replaces the index by customer
-- alone, which every read by customer still uses as its first column, so an order's commit
-- writes no more index entries than before.
DROP INDEX sales_order_customer;
CREATE INDEX sales_order_customer ON sales_order(customer_id, order_date);

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
