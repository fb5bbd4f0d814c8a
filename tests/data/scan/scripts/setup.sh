#!/bin/sh
# Loads the seed data.
set -eu
psql "host=db.prod.internal user=deploy password=hunter2-Prod-77 dbname=app" -f seed.sql
psql "host=localhost user=dev dbname=app" -f seed.sql
read -r -s -p "password: " PGPASSWORD
