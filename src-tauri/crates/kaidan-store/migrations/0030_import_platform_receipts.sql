-- The receipt an import recorded for an online shop's order that the buyer has paid on the
-- platform and that waits to be shipped (issue 19): the open order is paid, not owed. Kept
-- beside the order's link for undo: the receipt is reversed before the order is cancelled, and
-- neither stands in the undo's way.
ALTER TABLE import_open_order ADD COLUMN payment_id TEXT REFERENCES payment(id);
