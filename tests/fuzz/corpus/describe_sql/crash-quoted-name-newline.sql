DELETE FROM "audit_lo
" WHERE seq = 3