-- The owner's day log (issue 18) reads a day's audit entries and stock movements by the time
-- they were written. Their UUIDv7 ids are not a safe stand-in for it: a generator keeps its
-- ids increasing, so after a clock set back (or demo data stamped ahead) an id can carry a
-- later time than its row.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX stock_move_created ON stock_move(created_at);
