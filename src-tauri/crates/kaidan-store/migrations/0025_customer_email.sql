-- Kaidan schema, version 25 (issue 19): a customer's e-mail address, typed in the customer's
-- form or read from an imported sheet's Email / 邮箱 column (it was said there as a column not
-- imported). Checked for its shape by kaidan-core (`validate::email`), not here.
ALTER TABLE customer ADD COLUMN email TEXT;
