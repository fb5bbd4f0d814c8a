-- a comment with 'quotes' FROM nowhere
/* and FROM another */ DELETE FROM "audit_log" WHERE seq = 3