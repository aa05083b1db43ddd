#!/bin/sh
# First start of an empty data volume only (docker-entrypoint-initdb.d), as the superuser:
# the application's roles and database. The app connects as fz_owner: it owns the schema and
# runs the migrations, but is no superuser and cannot create roles, so the two roles its
# migrations would create are made here, with the membership SET ROLE needs.
set -eu
psql -v ON_ERROR_STOP=1 -v owner_password="$FZ_DB_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
create role fz_app nologin nosuperuser nobypassrls;
create role fz_jobs nologin nosuperuser nobypassrls;
create role fz_owner login nosuperuser nocreatedb nocreaterole nobypassrls password :'owner_password';
grant fz_app, fz_jobs to fz_owner;
create database fz owner fz_owner encoding 'UTF8' template template0;
revoke all on database fz from public;
grant connect on database fz to fz_owner;
SQL
