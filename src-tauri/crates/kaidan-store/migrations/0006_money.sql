-- Money (issue 7): receipts, refunds and reversals; their matching (核销) to invoices and to
-- refunds; returns of delivered goods. Payments, allocations and returns are written once: a
-- mistake is a reversing entry, never an edit (triggers below).
--
-- Signs: receipts are positive, refunds negative, a reversal the opposite of what it reverses.
-- A customer's balance is Σ invoices (credit notes negative) − Σ payments. The caches below are
-- kept by triggers in the same transaction as every invoice, credit note, payment, allocation
-- and return, and `kaidan check` recomputes every one of them.
CREATE TABLE payment (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    number       TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('receipt', 'refund', 'reversal')),
    customer_id  TEXT NOT NULL REFERENCES customer(id),
    method       TEXT NOT NULL CHECK (method IN ('cash', 'bank', 'wechat', 'alipay', 'card', 'other')),
    paid_on      TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    reference    TEXT,
    -- a receipt: the order it was paid on (a deposit, or cash on delivery)
    order_id     TEXT REFERENCES sales_order(id),
    reverses_id  TEXT REFERENCES payment(id),
    -- a refund made for a return
    return_id    TEXT,
    note         TEXT,
    created_by   TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    created_at   TEXT NOT NULL,
    CHECK (kind = 'reversal' OR (kind = 'receipt') = (amount_cents > 0)),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
    CHECK (order_id IS NULL OR kind = 'receipt')
);
CREATE INDEX payment_customer ON payment(customer_id, paid_on);
CREATE INDEX payment_order ON payment(order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX payment_reversed_once ON payment(reverses_id) WHERE reverses_id IS NOT NULL;

-- Receipt money matched against an invoice (核销) or paid back through a refund (or the
-- reversal of the receipt itself). A negative row takes a match back.
CREATE TABLE allocation (
    id           TEXT PRIMARY KEY,
    payment_id   TEXT NOT NULL REFERENCES payment(id),
    invoice_id   TEXT REFERENCES invoice(id),
    refund_id    TEXT REFERENCES payment(id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    created_by   TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    created_at   TEXT NOT NULL,
    CHECK ((invoice_id IS NULL) <> (refund_id IS NULL))
);
CREATE INDEX allocation_payment ON allocation(payment_id);
CREATE INDEX allocation_invoice ON allocation(invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX allocation_refund ON allocation(refund_id) WHERE refund_id IS NOT NULL;

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment is never changed: record a reversal'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment is never deleted: record a reversal'); END;
CREATE TRIGGER allocation_no_update BEFORE UPDATE ON allocation
BEGIN SELECT RAISE(ABORT, 'an allocation is never changed: allocate back'); END;
CREATE TRIGGER allocation_no_delete BEFORE DELETE ON allocation
BEGIN SELECT RAISE(ABORT, 'an allocation is never deleted: allocate back'); END;

-- Returns (退货): delivered goods that came back, with the value taken off the order. Goods go
-- back on the shelf (a 'return' movement) or are written off as damaged (a 'return' and an
-- 'adjustment' movement). What was invoiced is taken back by credit notes (invoice.return_id).
CREATE TABLE sales_return (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    number             TEXT NOT NULL UNIQUE,
    order_id           TEXT NOT NULL REFERENCES sales_order(id),
    customer_id        TEXT NOT NULL REFERENCES customer(id),
    return_date        TEXT NOT NULL,
    total_cents        INTEGER NOT NULL CHECK (total_cents >= 0),
    settlement         TEXT NOT NULL CHECK (settlement IN ('credit', 'refund')),
    reason             TEXT,
    exchange_order_id  TEXT REFERENCES sales_order(id),
    created_by         TEXT NOT NULL REFERENCES operator(id),
    device_id          TEXT NOT NULL REFERENCES device(id),
    created_at         TEXT NOT NULL
);
CREATE INDEX sales_return_order ON sales_return(order_id);
CREATE INDEX sales_return_customer ON sales_return(customer_id, return_date);

CREATE TABLE return_line (
    id             TEXT PRIMARY KEY,
    return_id      TEXT NOT NULL REFERENCES sales_return(id),
    line_no        INTEGER NOT NULL,
    order_line_id  TEXT NOT NULL REFERENCES order_line(id),
    product_id     TEXT NOT NULL REFERENCES product(id),
    sku            TEXT NOT NULL,
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    qty_milli      INTEGER NOT NULL CHECK (qty_milli > 0),
    restock        INTEGER NOT NULL CHECK (restock IN (0, 1)),
    total_cents    INTEGER NOT NULL CHECK (total_cents >= 0),
    UNIQUE (return_id, line_no)
);
CREATE INDEX return_line_order_line ON return_line(order_line_id);

CREATE TRIGGER sales_return_no_update BEFORE UPDATE ON sales_return
BEGIN SELECT RAISE(ABORT, 'a return is never changed'); END;
CREATE TRIGGER sales_return_no_delete BEFORE DELETE ON sales_return
BEGIN SELECT RAISE(ABORT, 'a return is never deleted'); END;
CREATE TRIGGER return_line_no_update BEFORE UPDATE ON return_line
BEGIN SELECT RAISE(ABORT, 'a return is never changed'); END;
CREATE TRIGGER return_line_no_delete BEFORE DELETE ON return_line
BEGIN SELECT RAISE(ABORT, 'a return is never deleted'); END;

-- How much of an order line came back.
ALTER TABLE order_line ADD COLUMN returned_milli INTEGER NOT NULL DEFAULT 0 CHECK (returned_milli >= 0);
CREATE TRIGGER return_line_returned AFTER INSERT ON return_line
BEGIN
    UPDATE order_line SET returned_milli = returned_milli + NEW.qty_milli WHERE id = NEW.order_line_id;
END;

-- A credit note issued for a return.
ALTER TABLE invoice ADD COLUMN return_id TEXT REFERENCES sales_return(id);

-- Each order's money, for its payment status (unpaid / deposit / partially paid / paid /
-- overpaid): what its invoices billed (net of credit notes), what came back (returns), and what
-- was received for it (deposits and cash on delivery on the order, and receipts matched to its
-- invoices; money moved between orders or paid back follows the match).
ALTER TABLE sales_order ADD COLUMN invoiced_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sales_order ADD COLUMN returned_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sales_order ADD COLUMN received_cents INTEGER NOT NULL DEFAULT 0;

-- What is still open on each invoice: its total, less its credit notes and allocations. Rows
-- with nothing open stay (open_cents = 0); the partial indexes keep aging to the open ones.
CREATE TABLE invoice_open (
    invoice_id   TEXT PRIMARY KEY REFERENCES invoice(id),
    customer_id  TEXT NOT NULL REFERENCES customer(id),
    due_date     TEXT NOT NULL,
    open_cents   INTEGER NOT NULL
) WITHOUT ROWID;
-- covering: aging reads the open amounts of every customer from the index alone
CREATE INDEX invoice_open_customer ON invoice_open(customer_id, due_date, open_cents) WHERE open_cents <> 0;
CREATE INDEX invoice_open_due ON invoice_open(due_date) WHERE open_cents <> 0;

-- Each customer's billed, paid and open totals and the value of their returns. Balance =
-- invoiced − paid; unallocated credit = open − balance; credit used = open orders + delivered
-- orders − returned − paid (customer_exposure has the order totals).
CREATE TABLE customer_account (
    customer_id     TEXT PRIMARY KEY REFERENCES customer(id),
    invoiced_cents  INTEGER NOT NULL DEFAULT 0,
    paid_cents      INTEGER NOT NULL DEFAULT 0,
    open_cents      INTEGER NOT NULL DEFAULT 0,
    returned_cents  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- customers whose payments are not all matched (aging finds their credit without a scan)
CREATE INDEX customer_account_credit ON customer_account(customer_id) WHERE open_cents <> invoiced_cents - paid_cents;

CREATE TRIGGER invoice_open_insert AFTER INSERT ON invoice WHEN NEW.kind = 'invoice'
BEGIN
    INSERT INTO invoice_open (invoice_id, customer_id, due_date, open_cents)
    VALUES (NEW.id, NEW.customer_id, COALESCE(NEW.due_date, NEW.issue_date), NEW.total_cents);
END;
CREATE TRIGGER invoice_open_credit AFTER INSERT ON invoice WHEN NEW.kind = 'credit_note'
BEGIN
    UPDATE invoice_open SET open_cents = open_cents + NEW.total_cents WHERE invoice_id = NEW.credits_id;
END;
CREATE TRIGGER customer_account_invoice AFTER INSERT ON invoice
BEGIN
    INSERT INTO customer_account (customer_id, invoiced_cents, open_cents) VALUES (NEW.customer_id, NEW.total_cents, NEW.total_cents)
    ON CONFLICT (customer_id) DO UPDATE SET invoiced_cents = invoiced_cents + excluded.invoiced_cents,
                                            open_cents = open_cents + excluded.open_cents;
    UPDATE sales_order SET invoiced_cents = invoiced_cents + NEW.total_cents WHERE id = NEW.order_id;
END;
CREATE TRIGGER customer_account_payment AFTER INSERT ON payment
BEGIN
    INSERT INTO customer_account (customer_id, paid_cents) VALUES (NEW.customer_id, NEW.amount_cents)
    ON CONFLICT (customer_id) DO UPDATE SET paid_cents = paid_cents + excluded.paid_cents;
    UPDATE sales_order SET received_cents = received_cents + NEW.amount_cents WHERE id = NEW.order_id;
END;
CREATE TRIGGER allocation_to_invoice AFTER INSERT ON allocation WHEN NEW.invoice_id IS NOT NULL
BEGIN
    UPDATE invoice_open SET open_cents = open_cents - NEW.amount_cents WHERE invoice_id = NEW.invoice_id;
    UPDATE customer_account SET open_cents = open_cents - NEW.amount_cents
    WHERE customer_id = (SELECT customer_id FROM invoice WHERE id = NEW.invoice_id);
    -- money paid on another order (or on none) now counts for the invoice's order
    UPDATE sales_order SET received_cents = received_cents + NEW.amount_cents
    WHERE id = (SELECT order_id FROM invoice WHERE id = NEW.invoice_id)
      AND id IS NOT (SELECT order_id FROM payment WHERE id = NEW.payment_id);
    UPDATE sales_order SET received_cents = received_cents - NEW.amount_cents
    WHERE id = (SELECT order_id FROM payment WHERE id = NEW.payment_id)
      AND id IS NOT (SELECT order_id FROM invoice WHERE id = NEW.invoice_id);
END;
CREATE TRIGGER allocation_to_refund AFTER INSERT ON allocation WHEN NEW.refund_id IS NOT NULL
BEGIN
    -- a deposit paid back no longer counts for its order
    UPDATE sales_order SET received_cents = received_cents - NEW.amount_cents
    WHERE id = (SELECT order_id FROM payment WHERE id = NEW.payment_id);
END;
CREATE TRIGGER sales_return_totals AFTER INSERT ON sales_return
BEGIN
    UPDATE sales_order SET returned_cents = returned_cents + NEW.total_cents WHERE id = NEW.order_id;
    INSERT INTO customer_account (customer_id, returned_cents) VALUES (NEW.customer_id, NEW.total_cents)
    ON CONFLICT (customer_id) DO UPDATE SET returned_cents = returned_cents + excluded.returned_cents;
END;

-- Invoices issued before this migration.
INSERT INTO invoice_open (invoice_id, customer_id, due_date, open_cents)
SELECT i.id, i.customer_id, COALESCE(i.due_date, i.issue_date),
       i.total_cents + COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0)
FROM invoice i WHERE i.kind = 'invoice';
INSERT INTO customer_account (customer_id, invoiced_cents, open_cents)
SELECT customer_id, SUM(total_cents), SUM(total_cents) FROM invoice GROUP BY customer_id;
UPDATE sales_order SET invoiced_cents = (SELECT SUM(i.total_cents) FROM invoice i WHERE i.order_id = sales_order.id)
WHERE id IN (SELECT order_id FROM invoice);

-- History imported from old sheets was settled before the shop used Kaidan: it no longer counts
-- as open or unpaid in the credit check (it did while payments could not be recorded).
DROP TRIGGER sales_order_exposure_insert;
DROP TRIGGER sales_order_exposure_update;
DROP TRIGGER sales_order_exposure_delete;
CREATE TRIGGER sales_order_exposure_insert AFTER INSERT ON sales_order
BEGIN
    INSERT INTO customer_exposure (customer_id, open_cents, delivered_cents)
    VALUES (NEW.customer_id,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.import_batch_id IS NULL
                      AND NEW.status IN ('pending_approval', 'confirmed', 'partially_delivered') THEN NEW.total_cents ELSE 0 END,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.import_batch_id IS NULL AND NEW.status = 'delivered' THEN NEW.total_cents ELSE 0 END)
    ON CONFLICT (customer_id) DO UPDATE SET open_cents = open_cents + excluded.open_cents,
                                            delivered_cents = delivered_cents + excluded.delivered_cents;
END;
CREATE TRIGGER sales_order_exposure_update AFTER UPDATE OF status, total_cents, customer_id, deleted_at, import_batch_id ON sales_order
BEGIN
    UPDATE customer_exposure
    SET open_cents = open_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.import_batch_id IS NULL
                                            AND OLD.status IN ('pending_approval', 'confirmed', 'partially_delivered') THEN OLD.total_cents ELSE 0 END,
        delivered_cents = delivered_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.import_batch_id IS NULL AND OLD.status = 'delivered'
                                                 THEN OLD.total_cents ELSE 0 END
    WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_exposure (customer_id, open_cents, delivered_cents)
    VALUES (NEW.customer_id,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.import_batch_id IS NULL
                      AND NEW.status IN ('pending_approval', 'confirmed', 'partially_delivered') THEN NEW.total_cents ELSE 0 END,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.import_batch_id IS NULL AND NEW.status = 'delivered' THEN NEW.total_cents ELSE 0 END)
    ON CONFLICT (customer_id) DO UPDATE SET open_cents = open_cents + excluded.open_cents,
                                            delivered_cents = delivered_cents + excluded.delivered_cents;
END;
CREATE TRIGGER sales_order_exposure_delete AFTER DELETE ON sales_order
BEGIN
    UPDATE customer_exposure
    SET open_cents = open_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.import_batch_id IS NULL
                                            AND OLD.status IN ('pending_approval', 'confirmed', 'partially_delivered') THEN OLD.total_cents ELSE 0 END,
        delivered_cents = delivered_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.import_batch_id IS NULL AND OLD.status = 'delivered'
                                                 THEN OLD.total_cents ELSE 0 END
    WHERE customer_id = OLD.customer_id;
END;
UPDATE customer_exposure SET
    open_cents = COALESCE((SELECT SUM(total_cents) FROM sales_order o WHERE o.customer_id = customer_exposure.customer_id
                             AND o.deleted_at IS NULL AND o.import_batch_id IS NULL
                             AND o.status IN ('pending_approval', 'confirmed', 'partially_delivered')), 0),
    delivered_cents = COALESCE((SELECT SUM(total_cents) FROM sales_order o WHERE o.customer_id = customer_exposure.customer_id
                                  AND o.deleted_at IS NULL AND o.import_batch_id IS NULL AND o.status = 'delivered'), 0);

-- AR aging kept per customer for one day (aging_meta.day): what each customer has open by how
-- long past due on that day, and their unmatched credit, with the name to sort by. Triggers
-- keep a customer's row in the same transaction as every change of their open invoices,
-- account or name; the first write of a new day rebuilds the table for that day (kaidan-store
-- `refresh_aging`), and `kaidan check` compares it with `aging_of`. Aging then reads one row a
-- customer instead of every open invoice.
CREATE TABLE aging_meta (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    day  TEXT NOT NULL
);
INSERT INTO aging_meta (id, day) VALUES (1, '0000-01-01');
CREATE TABLE aging_row (
    customer_id     TEXT PRIMARY KEY REFERENCES customer(id),
    name            TEXT NOT NULL,
    not_due_cents   INTEGER NOT NULL,
    d1_30_cents     INTEGER NOT NULL,
    d31_60_cents    INTEGER NOT NULL,
    d61_90_cents    INTEGER NOT NULL,
    d90_plus_cents  INTEGER NOT NULL,
    credit_cents    INTEGER NOT NULL
) WITHOUT ROWID;
-- covering: the aging list is read in name order from the index alone
CREATE INDEX aging_row_name ON aging_row(name, customer_id, not_due_cents, d1_30_cents, d31_60_cents, d61_90_cents, d90_plus_cents,
                                         credit_cents);

-- One customer's aging as of aging_meta.day, from the open invoices and the account.
CREATE VIEW aging_of AS
SELECT c.id AS customer_id, c.name AS name,
       COALESCE((SELECT SUM(o.open_cents) FROM invoice_open o
                 WHERE o.customer_id = c.id AND o.open_cents <> 0 AND o.due_date >= m.day), 0) AS not_due_cents,
       COALESCE((SELECT SUM(o.open_cents) FROM invoice_open o
                 WHERE o.customer_id = c.id AND o.open_cents <> 0 AND o.due_date < m.day
                   AND o.due_date >= date(m.day, '-30 days')), 0) AS d1_30_cents,
       COALESCE((SELECT SUM(o.open_cents) FROM invoice_open o
                 WHERE o.customer_id = c.id AND o.open_cents <> 0 AND o.due_date < date(m.day, '-30 days')
                   AND o.due_date >= date(m.day, '-60 days')), 0) AS d31_60_cents,
       COALESCE((SELECT SUM(o.open_cents) FROM invoice_open o
                 WHERE o.customer_id = c.id AND o.open_cents <> 0 AND o.due_date < date(m.day, '-60 days')
                   AND o.due_date >= date(m.day, '-90 days')), 0) AS d61_90_cents,
       COALESCE((SELECT SUM(o.open_cents) FROM invoice_open o
                 WHERE o.customer_id = c.id AND o.open_cents <> 0 AND o.due_date < date(m.day, '-90 days')), 0) AS d90_plus_cents,
       COALESCE((SELECT a.open_cents - (a.invoiced_cents - a.paid_cents) FROM customer_account a WHERE a.customer_id = c.id), 0)
           AS credit_cents
FROM customer c, aging_meta m;

CREATE TRIGGER aging_open_insert AFTER INSERT ON invoice_open
BEGIN
    DELETE FROM aging_row WHERE customer_id = NEW.customer_id;
    INSERT INTO aging_row SELECT * FROM aging_of WHERE customer_id = NEW.customer_id
        AND (not_due_cents <> 0 OR d1_30_cents <> 0 OR d31_60_cents <> 0 OR d61_90_cents <> 0 OR d90_plus_cents <> 0 OR credit_cents <> 0);
END;
CREATE TRIGGER aging_open_update AFTER UPDATE OF open_cents ON invoice_open
BEGIN
    DELETE FROM aging_row WHERE customer_id = NEW.customer_id;
    INSERT INTO aging_row SELECT * FROM aging_of WHERE customer_id = NEW.customer_id
        AND (not_due_cents <> 0 OR d1_30_cents <> 0 OR d31_60_cents <> 0 OR d61_90_cents <> 0 OR d90_plus_cents <> 0 OR credit_cents <> 0);
END;
CREATE TRIGGER aging_account_insert AFTER INSERT ON customer_account
BEGIN
    DELETE FROM aging_row WHERE customer_id = NEW.customer_id;
    INSERT INTO aging_row SELECT * FROM aging_of WHERE customer_id = NEW.customer_id
        AND (not_due_cents <> 0 OR d1_30_cents <> 0 OR d31_60_cents <> 0 OR d61_90_cents <> 0 OR d90_plus_cents <> 0 OR credit_cents <> 0);
END;
CREATE TRIGGER aging_account_update AFTER UPDATE OF invoiced_cents, paid_cents, open_cents ON customer_account
BEGIN
    DELETE FROM aging_row WHERE customer_id = NEW.customer_id;
    INSERT INTO aging_row SELECT * FROM aging_of WHERE customer_id = NEW.customer_id
        AND (not_due_cents <> 0 OR d1_30_cents <> 0 OR d31_60_cents <> 0 OR d61_90_cents <> 0 OR d90_plus_cents <> 0 OR credit_cents <> 0);
END;
CREATE TRIGGER aging_customer_name AFTER UPDATE OF name ON customer
BEGIN
    UPDATE aging_row SET name = NEW.name WHERE customer_id = NEW.id;
END;
