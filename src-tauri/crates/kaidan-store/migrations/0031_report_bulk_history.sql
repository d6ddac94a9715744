-- Kaidan schema, version 31: an order sheet's history is added to the reports as a whole.
--
-- An import writes thousands of delivered orders at once (kaidan-store `Db::insert_history`).
-- Each of its orders, lines and delivery lines fired the reports' triggers one by one — a row
-- waiting in report_pending for every line, twice, each added up again at the commit — which
-- made the 100,000-line import twice as slow as before the reports. Now `insert_history` names
-- its import batch in report_bulk and gathers what the triggers would have added
-- (`HistorySums`); while a batch is named there, the triggers of its orders and of every order
-- line and delivery line leave the reports alone; `Db::add_history_to_reports` then adds the
-- gathered figures in a few grouped rows and removes the batch, in the same transaction (a
-- write that ends with a batch still named there fails: `fold_reports`). No other order, line
-- or delivery is written while a batch is held (`insert_history` refuses an order without
-- one). Rows that arrive any other way — an order taken at the counter,
-- another counter's import received through the shop's server — keep their triggers. What the
-- grouped rows add up to is what the triggers' rows add up to: `kaidan check` compares both
-- with the documents.
--
-- report_pending's rows with only_product 1 count for no day and no customer, as before; they
-- now also carry goods: a product's goods by day (product, no customer), and an order's goods
-- for report_order alone (no product, no customer).
--
-- The order's two triggers on insert (orders taken; each customer's orders, 0018) become one:
-- an order taken fires one program instead of two. The credit exposure's trigger on insert no
-- longer fires for an imported order (it only ever added zeros for one: imports never count in
-- a customer's exposure).
CREATE TABLE report_bulk (
    batch_id TEXT PRIMARY KEY
) WITHOUT ROWID;

DROP TRIGGER sales_order_report_add;
CREATE TRIGGER sales_order_report_add AFTER INSERT ON sales_order
WHEN NEW.deleted_at IS NULL AND NEW.status NOT IN ('draft', 'pending_approval', 'cancelled')
 AND (NEW.import_batch_id IS NULL OR NOT EXISTS (SELECT 1 FROM report_bulk WHERE batch_id = NEW.import_batch_id))
BEGIN
    INSERT INTO report_pending (day, customer_id, channel, orders, orders_cents)
    VALUES (NEW.order_date, NEW.customer_id, NEW.channel, 1, NEW.total_cents);
    INSERT INTO report_pending (day, product_id, only_product, orders, orders_cents)
    SELECT NEW.order_date, product_id, 1, 1, SUM(total_cents) FROM order_line
    WHERE order_id = NEW.id AND deleted_at IS NULL GROUP BY product_id;
    INSERT INTO customer_orders (customer_id, first_day, last_day, orders, orders_cents)
    VALUES (NEW.customer_id, NEW.order_date, NEW.order_date, 1, NEW.total_cents)
    ON CONFLICT (customer_id) DO UPDATE SET
        first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day),
        orders = orders + 1, orders_cents = orders_cents + excluded.orders_cents;
END;
DROP TRIGGER sales_order_report_buyer_add;

DROP TRIGGER order_line_report_add;
CREATE TRIGGER order_line_report_add AFTER INSERT ON order_line
WHEN NEW.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM report_bulk)
BEGIN
    INSERT INTO report_product_orders (day, product_id, orders, orders_cents)
    SELECT o.order_date, NEW.product_id,
           NOT EXISTS (SELECT 1 FROM order_line x WHERE x.order_id = NEW.order_id AND x.product_id = NEW.product_id
                         AND x.deleted_at IS NULL AND x.id <> NEW.id),
           NEW.total_cents
    FROM sales_order o
    WHERE o.id = NEW.order_id AND o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled');
END;

DROP TRIGGER delivery_line_report_add;
CREATE TRIGGER delivery_line_report_add AFTER INSERT ON delivery_line
WHEN NEW.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM report_bulk)
BEGIN
    INSERT INTO report_pending (day, product_id, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                                order_id, lines)
    SELECT d.delivery_date, NEW.product_id, o.customer_id, NEW.qty_milli, COALESCE(NEW.net_cents, 0), COALESCE(NEW.total_cents, 0),
           COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN COALESCE(NEW.net_cents, 0) ELSE 0 END, d.order_id, 1
    FROM delivery d JOIN sales_order o ON o.id = d.order_id
    WHERE d.id = NEW.delivery_id AND d.delivery_date IS NOT NULL;
END;

-- An imported order never counts in its customer's credit exposure (0006).
DROP TRIGGER sales_order_exposure_insert;
CREATE TRIGGER sales_order_exposure_insert AFTER INSERT ON sales_order
WHEN NEW.import_batch_id IS NULL
BEGIN
    INSERT INTO customer_exposure (customer_id, open_cents, delivered_cents)
    VALUES (NEW.customer_id,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status IN ('pending_approval', 'confirmed', 'partially_delivered')
                 THEN NEW.total_cents ELSE 0 END,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status = 'delivered' THEN NEW.total_cents ELSE 0 END)
    ON CONFLICT (customer_id) DO UPDATE SET open_cents = open_cents + excluded.open_cents,
                                            delivered_cents = delivered_cents + excluded.delivered_cents;
END;
