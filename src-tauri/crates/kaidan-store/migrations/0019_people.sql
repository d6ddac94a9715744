-- People at the counter (issue 18): wrong-PIN lockout, deactivated operators, the salesperson
-- (业务员) of every order, the owner's approval on the spot, and the audit log's hash chain.

-- Wrong PINs in a row and the time the operator is locked until (UTC, as stored times are).
ALTER TABLE operator ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operator ADD COLUMN pin_locked_until TEXT;
-- A deactivated operator neither signs in nor acts; the row stays (the audit log names it),
-- and so does the name.
ALTER TABLE operator ADD COLUMN deactivated_at TEXT;

-- The operator who took the order, changeable by the owner. Existing orders: whoever created them.
ALTER TABLE sales_order ADD COLUMN salesperson_id TEXT REFERENCES operator(id);
UPDATE sales_order SET salesperson_id = created_by;
CREATE INDEX sales_order_salesperson ON sales_order(salesperson_id, order_date);

-- An action a clerk may not take, approved on the spot by an owner's PIN: the owner, on every
-- entry of that action (one more entry, on the clerk, lists what needed the approval).
ALTER TABLE audit_log ADD COLUMN approved_by TEXT REFERENCES operator(id);
-- The chain: entries numbered in the order they were written (ids sort by the time an action
-- says it happened, which the caller gives), each with the SHA-256 of itself and the entry
-- before it. The migration's hook numbers and hashes the existing entries.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The chain's newest link, so that entries cut from the end are found too.
CREATE TABLE audit_chain (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
