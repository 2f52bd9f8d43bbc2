-- The registry is edited by the DPO (issue 7): each change to it is archived like any other change, by the
-- archive trigger function of db/sql/100_archive_on_change.sql, which records the actor and reason the
-- portal sets for the transaction (app/lib/archive.server.ts withChangeContext). Registry rows hold no
-- personal data, so they are not in personal_data_tables(); their trigger has its own name.
do $$
declare
  t text;
begin
  foreach t in array array[
    'registry_contacts', 'legal_bases', 'retention_rules', 'recipients', 'purposes', 'purpose_recipients', 'registry_settings', 'data_categories'
  ] loop
    execute format('drop trigger if exists archive_registry_change on %I', t);
    execute format('create trigger archive_registry_change after update or delete on %I for each row execute function archive_row_change(%L, %L)', t, 'true', '');
  end loop;
end
$$;
