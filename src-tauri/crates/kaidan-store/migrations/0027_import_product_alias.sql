-- Kaidan schema, version 27 (issue 19): the products an order sheet names that the shop has
-- under another code or name, as the user said in the import wizard (or `kaidan import
-- --products`): by the sheet's product (`#` and its code, or its name and spec), the shop's
-- product. Used by every later import's dry run and import, like the remembered column
-- mappings; a later choice replaces it (NULL: the user chose to make it a new product after
-- all). A preference, not a record.
CREATE TABLE import_product_alias (
    sheet_product TEXT PRIMARY KEY,
    product_id    TEXT REFERENCES product(id),
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;
