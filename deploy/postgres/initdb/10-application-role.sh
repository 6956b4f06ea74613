#!/bin/sh
# The role the services connect as. The schema owner (POSTGRES_USER) runs the migrations and, with
# DATABASE_APP_ROLE set, grants this role what it needs — and no UPDATE, DELETE or TRUNCATE on the
# audit trail. Runs once, when the data directory is created.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE ipcase_app LOGIN PASSWORD '${APP_DB_PASSWORD}';
GRANT CONNECT ON DATABASE "${POSTGRES_DB}" TO ipcase_app;
SQL
