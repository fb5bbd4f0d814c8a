SELECT 'a--', 1
, 'FROM hunter2' FROM t