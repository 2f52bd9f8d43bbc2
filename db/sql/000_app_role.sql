-- The portal runs as the role dsr_app (db/client.server.ts); migrations, seeding and the retention
-- jobs run as the database owner. dsr_app may not rewrite history: the archive of original values,
-- the consent ledger, the audit chain and its anchors are append-only for it.
do $$
begin
  if not exists (select from pg_roles where rolname = 'dsr_app') then
    create role dsr_app nologin;
  end if;
end
$$;

grant usage on schema public to dsr_app;
grant select, insert, update, delete on all tables in schema public to dsr_app;
grant usage, select on all sequences in schema public to dsr_app;
revoke update, delete, truncate on archived_changes, consents, audit_log, audit_anchors from dsr_app;
