-- 拼音 initials of product and customer names, for search (`wzwj` finds 王喆五金店).
-- Filled by the store on every insert and update (kaidan_core::initials); rows written
-- before this migration are filled when the database is opened (NULL = not yet computed).
ALTER TABLE product ADD COLUMN initials TEXT;
ALTER TABLE customer ADD COLUMN initials TEXT;
