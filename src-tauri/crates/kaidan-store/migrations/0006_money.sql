-- Money (issue 7): receipts and refunds, and their allocation to invoices (核销).
-- Both are written once: a mistake is a reversing entry, never an edit (triggers below).
-- Receipts are positive, refunds and reversals negative. A customer's balance is
-- Σ invoices (credit notes negative) − Σ payments; the caches below are kept by triggers in the
-- same transaction as every invoice, credit note, payment and allocation, and `kaidan check`
-- recomputes them.
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
    order_id     TEXT REFERENCES sales_order(id),
    reverses_id  TEXT REFERENCES payment(id),
    note         TEXT,
    created_by   TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    created_at   TEXT NOT NULL,
    CHECK (kind = 'reversal' OR (kind = 'receipt') = (amount_cents > 0)),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX payment_customer ON payment(customer_id, paid_on);
CREATE INDEX payment_order ON payment(order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX payment_reversed_once ON payment(reverses_id) WHERE reverses_id IS NOT NULL;

-- A part of a payment settled against an invoice. A negative row takes an allocation back.
CREATE TABLE allocation (
    id           TEXT PRIMARY KEY,
    payment_id   TEXT NOT NULL REFERENCES payment(id),
    invoice_id   TEXT NOT NULL REFERENCES invoice(id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    created_by   TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX allocation_payment ON allocation(payment_id);
CREATE INDEX allocation_invoice ON allocation(invoice_id);

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment is never changed: record a reversal'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment is never deleted: record a reversal'); END;
CREATE TRIGGER allocation_no_update BEFORE UPDATE ON allocation
BEGIN SELECT RAISE(ABORT, 'an allocation is never changed: allocate back'); END;
CREATE TRIGGER allocation_no_delete BEFORE DELETE ON allocation
BEGIN SELECT RAISE(ABORT, 'an allocation is never deleted: allocate back'); END;

-- What is still open on each invoice: its total, less its credit notes and allocations. Rows
-- with nothing open stay (open_cents = 0); the partial index keeps aging to the open ones.
CREATE TABLE invoice_open (
    invoice_id   TEXT PRIMARY KEY REFERENCES invoice(id),
    customer_id  TEXT NOT NULL REFERENCES customer(id),
    due_date     TEXT NOT NULL,
    open_cents   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX invoice_open_customer ON invoice_open(customer_id, due_date) WHERE open_cents <> 0;

-- Each customer's billed and paid totals.
CREATE TABLE customer_account (
    customer_id     TEXT PRIMARY KEY REFERENCES customer(id),
    invoiced_cents  INTEGER NOT NULL DEFAULT 0,
    paid_cents      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

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
    INSERT INTO customer_account (customer_id, invoiced_cents, paid_cents) VALUES (NEW.customer_id, NEW.total_cents, 0)
    ON CONFLICT (customer_id) DO UPDATE SET invoiced_cents = invoiced_cents + excluded.invoiced_cents;
END;
CREATE TRIGGER customer_account_payment AFTER INSERT ON payment
BEGIN
    INSERT INTO customer_account (customer_id, invoiced_cents, paid_cents) VALUES (NEW.customer_id, 0, NEW.amount_cents)
    ON CONFLICT (customer_id) DO UPDATE SET paid_cents = paid_cents + excluded.paid_cents;
END;
CREATE TRIGGER invoice_open_allocation AFTER INSERT ON allocation
BEGIN
    UPDATE invoice_open SET open_cents = open_cents - NEW.amount_cents WHERE invoice_id = NEW.invoice_id;
END;

-- Invoices issued before this migration.
INSERT INTO invoice_open (invoice_id, customer_id, due_date, open_cents)
SELECT i.id, i.customer_id, COALESCE(i.due_date, i.issue_date),
       i.total_cents + COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0)
FROM invoice i WHERE i.kind = 'invoice';
INSERT INTO customer_account (customer_id, invoiced_cents, paid_cents)
SELECT customer_id, SUM(total_cents), 0 FROM invoice GROUP BY customer_id;
