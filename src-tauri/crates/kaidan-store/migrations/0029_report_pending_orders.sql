-- Kaidan schema, version 29 (issue 17): an order taken (confirmed or later, not cancelled, not
-- deleted) appends its rows to report_pending itself, as the delivery line does (0028): one row
-- for the day, its customer and now its channel (report_channel is added up from report_pending
-- with the other sums, instead of a row written in it by two triggers of its own), and a row
-- for each of its products, without passing through the views' INSTEAD OF triggers (a program
-- run for each row). What the rows say is what 0015 and 0018 made the sums say.
ALTER TABLE report_pending ADD COLUMN channel TEXT;

DROP TRIGGER sales_order_report_channel_add;
DROP TRIGGER sales_order_report_channel_change;

DROP TRIGGER sales_order_report_add;
CREATE TRIGGER sales_order_report_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
BEGIN
    INSERT INTO report_pending (day, customer_id, channel, orders, orders_cents)
    VALUES (NEW.order_date, NEW.customer_id, NEW.channel, 1, NEW.total_cents);
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL GROUP BY product_id;
END;

-- The order as it counted taken out, as it counts put in: its day, customer and channel; its
-- products only when it starts or stops counting or moves to another day (a line changed while
-- it counts is the line's trigger's).
DROP TRIGGER sales_order_report_change;
CREATE TRIGGER sales_order_report_change AFTER UPDATE OF status, deleted_at, total_cents, order_date, customer_id, channel ON sales_order
WHEN (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled'))
       <> (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled'))
  OR (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND (OLD.total_cents <> NEW.total_cents OR OLD.order_date <> NEW.order_date OR OLD.customer_id <> NEW.customer_id
           OR OLD.channel <> NEW.channel))
BEGIN
    INSERT INTO report_pending (day, customer_id, channel, orders, orders_cents)
    SELECT OLD.order_date, OLD.customer_id, OLD.channel, -1, -OLD.total_cents
    WHERE OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO report_pending (day, customer_id, channel, orders, orders_cents)
    SELECT NEW.order_date, NEW.customer_id, NEW.channel, 1, NEW.total_cents
    WHERE NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled');
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    SELECT OLD.order_date, product_id, 1, -1, -SUM(total_cents) FROM order_line
    WHERE order_id = OLD.id AND deleted_at IS NULL
      AND OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND NOT (NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled') AND NEW.order_date = OLD.order_date)
    GROUP BY product_id;
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL
      AND NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
      AND NOT (OLD.deleted_at IS NULL AND OLD.status NOT IN ('draft', 'pending_approval', 'cancelled') AND NEW.order_date = OLD.order_date)
    GROUP BY product_id;
END;

-- A product's sums by month too (a year's ranking reads twelve rows a product instead of 365;
-- adding them up later costs the commit nothing), from its days.
INSERT INTO report_product (level, period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents)
SELECT 'm', substr(period, 1, 7), product_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents),
       SUM(orders), SUM(orders_cents)
FROM report_product WHERE level = 'd'
GROUP BY 2, 3
ON CONFLICT (level, period, product_id) DO UPDATE SET
    qty_milli = excluded.qty_milli, net_cents = excluded.net_cents, total_cents = excluded.total_cents,
    cost_cents = excluded.cost_cents, unknown_cents = excluded.unknown_cents, orders = excluded.orders,
    orders_cents = excluded.orders_cents;

-- The fulfilment report's orders taken by status (its status mix): the index by order date also
-- holds each order's status and whether it is deleted, so that a year's count reads the index
-- alone instead of each order's row.
DROP INDEX sales_order_date;
CREATE INDEX sales_order_date ON sales_order(order_date, status, deleted_at);

-- The reports name every customer they rank: their id, name and region read from an index
-- instead of each customer's whole row.
CREATE INDEX customer_head ON customer(id, name, region);
