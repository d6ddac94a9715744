-- Kaidan schema, version 13 (issue 16): customers listed by 拼音 (阿 … 王 … 张), as a Chinese
-- shop looks names up, instead of by the characters' code points. `sort_key` is the name's
-- readings then the name (kaidan_core::initials::sort_key), written by the store with every
-- insert and rename; rows written before this version are filled when the database is opened
-- (NULL = not yet computed), as the initials of version 4 were.
ALTER TABLE customer ADD COLUMN sort_key TEXT;
CREATE INDEX customer_sort ON customer (sort_key) WHERE deleted_at IS NULL;
