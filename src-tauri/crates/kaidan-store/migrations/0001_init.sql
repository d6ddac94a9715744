-- Kaidan schema, version 1.
-- Conventions (docs/ARCHITECTURE.md): UUIDv7 text ids; money INTEGER fen (*_cents); unit prices
-- INTEGER 1/10000 (*_e4); quantities INTEGER thousandths (*_milli); rates INTEGER hundredths of a
-- percent (*_bp); times TEXT RFC 3339 UTC; soft deletes (deleted_at); foreign keys without
-- cascades; number series owned by a device.

CREATE TABLE device (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    is_local    INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX device_one_local ON device(is_local) WHERE is_local = 1;

CREATE TABLE operator (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'clerk')),
    pin_salt    TEXT,
    pin_hash    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX operator_name ON operator(name) WHERE deleted_at IS NULL;

CREATE TABLE company (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    address       TEXT,
    phone         TEXT,
    tax_id        TEXT,
    bank_account  TEXT,
    currency      TEXT NOT NULL DEFAULT 'CNY',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES operator(id)
);

CREATE TABLE location (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX location_one_default ON location(is_default) WHERE is_default = 1;

CREATE TABLE number_series (
    id          TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL REFERENCES device(id),
    kind        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    prefix      TEXT NOT NULL,
    next_value  INTEGER NOT NULL DEFAULT 1 CHECK (next_value >= 1),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (device_id, kind, year)
);

CREATE TABLE product (
    id                   TEXT PRIMARY KEY,
    sku                  TEXT NOT NULL,
    barcode              TEXT,
    name                 TEXT NOT NULL,
    spec                 TEXT,
    unit                 TEXT NOT NULL,
    price_e4             INTEGER NOT NULL CHECK (price_e4 >= 0),
    cost_e4              INTEGER NOT NULL DEFAULT 0 CHECK (cost_e4 >= 0),
    tax_rate_bp          INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    reorder_point_milli  INTEGER NOT NULL DEFAULT 0 CHECK (reorder_point_milli >= 0),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
);
CREATE UNIQUE INDEX product_sku ON product(sku) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX product_barcode ON product(barcode) WHERE barcode IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX product_name ON product(name);

CREATE TABLE customer (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    contact_person      TEXT,
    phones              TEXT,
    address             TEXT,
    region              TEXT,
    credit_limit_cents  INTEGER CHECK (credit_limit_cents IS NULL OR credit_limit_cents >= 0),
    payment_terms_days  INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
    notes               TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);
CREATE UNIQUE INDEX customer_name ON customer(name) WHERE deleted_at IS NULL;

-- `seq` is a local row number (a rowid alias, stable across VACUUM) that orders lists and keys the
-- search index; it never leaves this device. `id` is the order's identity.
CREATE TABLE sales_order (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    number              TEXT NOT NULL UNIQUE,
    customer_id         TEXT NOT NULL REFERENCES customer(id),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'pending_approval', 'confirmed',
                                                        'partially_delivered', 'delivered', 'cancelled')),
    channel             TEXT NOT NULL CHECK (channel IN ('phone', 'wechat', 'counter', 'email', 'web', 'other')),
    order_date          TEXT NOT NULL,
    deliver_by          TEXT,
    notes               TEXT,
    prices_include_tax  INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
    subtotal_cents      INTEGER NOT NULL,
    tax_cents           INTEGER NOT NULL,
    total_cents         INTEGER NOT NULL,
    approval_reasons    TEXT,
    cancel_reason       TEXT,
    created_by          TEXT NOT NULL REFERENCES operator(id),
    device_id           TEXT NOT NULL REFERENCES device(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);
CREATE INDEX sales_order_status ON sales_order(status);
CREATE INDEX sales_order_customer ON sales_order(customer_id);

-- Each customer's open and delivered order totals, cached for the credit check and kept by
-- triggers in the same transaction as every change of an order's status, total or customer
-- (`kaidan check` compares it with the orders). Open: pending_approval, confirmed,
-- partially_delivered.
CREATE TABLE customer_exposure (
    customer_id      TEXT PRIMARY KEY REFERENCES customer(id),
    open_cents       INTEGER NOT NULL DEFAULT 0,
    delivered_cents  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TRIGGER sales_order_exposure_insert AFTER INSERT ON sales_order
BEGIN
    INSERT INTO customer_exposure (customer_id, open_cents, delivered_cents)
    VALUES (NEW.customer_id,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status IN ('pending_approval', 'confirmed', 'partially_delivered')
                 THEN NEW.total_cents ELSE 0 END,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status = 'delivered' THEN NEW.total_cents ELSE 0 END)
    ON CONFLICT (customer_id) DO UPDATE SET open_cents = open_cents + excluded.open_cents,
                                            delivered_cents = delivered_cents + excluded.delivered_cents;
END;

CREATE TRIGGER sales_order_exposure_update AFTER UPDATE OF status, total_cents, customer_id, deleted_at ON sales_order
BEGIN
    UPDATE customer_exposure
    SET open_cents = open_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.status IN ('pending_approval', 'confirmed', 'partially_delivered')
                                       THEN OLD.total_cents ELSE 0 END,
        delivered_cents = delivered_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.status = 'delivered' THEN OLD.total_cents ELSE 0 END
    WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_exposure (customer_id, open_cents, delivered_cents)
    VALUES (NEW.customer_id,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status IN ('pending_approval', 'confirmed', 'partially_delivered')
                 THEN NEW.total_cents ELSE 0 END,
            CASE WHEN NEW.deleted_at IS NULL AND NEW.status = 'delivered' THEN NEW.total_cents ELSE 0 END)
    ON CONFLICT (customer_id) DO UPDATE SET open_cents = open_cents + excluded.open_cents,
                                            delivered_cents = delivered_cents + excluded.delivered_cents;
END;

CREATE TRIGGER sales_order_exposure_delete AFTER DELETE ON sales_order
BEGIN
    UPDATE customer_exposure
    SET open_cents = open_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.status IN ('pending_approval', 'confirmed', 'partially_delivered')
                                       THEN OLD.total_cents ELSE 0 END,
        delivered_cents = delivered_cents - CASE WHEN OLD.deleted_at IS NULL AND OLD.status = 'delivered' THEN OLD.total_cents ELSE 0 END
    WHERE customer_id = OLD.customer_id;
END;
CREATE INDEX sales_order_date ON sales_order(order_date);

CREATE TABLE order_line (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES sales_order(id),
    line_no          INTEGER NOT NULL,
    product_id       TEXT NOT NULL REFERENCES product(id),
    sku              TEXT NOT NULL,
    name             TEXT NOT NULL,
    spec             TEXT,
    unit             TEXT NOT NULL,
    qty_milli        INTEGER NOT NULL CHECK (qty_milli > 0),
    delivered_milli  INTEGER NOT NULL DEFAULT 0 CHECK (delivered_milli >= 0 AND delivered_milli <= qty_milli),
    unit_price_e4    INTEGER NOT NULL CHECK (unit_price_e4 >= 0),
    discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    tax_rate_bp      INTEGER NOT NULL DEFAULT 0,
    amount_cents     INTEGER NOT NULL,
    tax_cents        INTEGER NOT NULL,
    total_cents      INTEGER NOT NULL,
    cost_e4          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    UNIQUE (order_id, line_no)
);
CREATE INDEX order_line_product ON order_line(product_id, order_id);

CREATE TABLE delivery (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    order_id    TEXT NOT NULL REFERENCES sales_order(id),
    notes       TEXT,
    created_by  TEXT NOT NULL REFERENCES operator(id),
    device_id   TEXT NOT NULL REFERENCES device(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX delivery_order ON delivery(order_id);

CREATE TABLE delivery_line (
    id             TEXT PRIMARY KEY,
    delivery_id    TEXT NOT NULL REFERENCES delivery(id),
    order_line_id  TEXT NOT NULL REFERENCES order_line(id),
    product_id     TEXT NOT NULL REFERENCES product(id),
    qty_milli      INTEGER NOT NULL CHECK (qty_milli > 0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX delivery_line_delivery ON delivery_line(delivery_id);

-- The stock ledger: append-only. A correction is a new movement.
CREATE TABLE stock_move (
    id            TEXT PRIMARY KEY,
    product_id    TEXT NOT NULL REFERENCES product(id),
    location_id   TEXT NOT NULL REFERENCES location(id),
    qty_milli     INTEGER NOT NULL CHECK (qty_milli <> 0),
    reason        TEXT NOT NULL CHECK (reason IN ('receipt', 'delivery', 'return', 'adjustment', 'stocktake')),
    unit_cost_e4  INTEGER,
    doc_type      TEXT,
    doc_id        TEXT,
    doc_number    TEXT,
    note          TEXT,
    operator_id   TEXT NOT NULL REFERENCES operator(id),
    device_id     TEXT NOT NULL REFERENCES device(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX stock_move_product ON stock_move(product_id, id);
CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock_move is append-only'); END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock_move is append-only'); END;

-- Balances cached from the ledger and the open reservations, kept in the same transaction.
CREATE TABLE stock_balance (
    product_id      TEXT NOT NULL REFERENCES product(id),
    location_id     TEXT NOT NULL REFERENCES location(id),
    on_hand_milli   INTEGER NOT NULL DEFAULT 0,
    reserved_milli  INTEGER NOT NULL DEFAULT 0 CHECK (reserved_milli >= 0),
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (product_id, location_id)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    operator_id  TEXT NOT NULL REFERENCES operator(id),
    device_id    TEXT NOT NULL REFERENCES device(id),
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT,
    request_id   TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Idempotency: the answer to every write that carried a request id.
CREATE TABLE request_log (
    request_id  TEXT PRIMARY KEY,
    command     TEXT NOT NULL,
    response    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Substring search over orders (number, customer, phones, products). rowid = sales_order.seq.
CREATE VIRTUAL TABLE order_search USING fts5(body, tokenize = 'trigram');
