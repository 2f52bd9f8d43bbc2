-- Archive-on-change (seed 004, issue 4): every UPDATE or DELETE of a row holding personal data writes the
-- row as it was into archived_changes, in PostgreSQL itself, so that no code path, DPO edit or manual SQL
-- escapes it. Who and why reach the trigger through transaction-local settings (app/lib/archive.server.ts):
--   app.actor_type  customer | dpo | system | data_subject   (unset: 'system', a change outside the portal)
--   app.actor_id    the acting account's id
--   app.change_reason  free text; 'retention' marks the retention job (see docs/decisions/040).
-- The list of tables is here ONCE; app/lib/personal-data-tables.ts classifies the same tables for TypeScript,
-- and tests/integration/archive.spec.ts checks that both agree.

-- Values that must never be copied anywhere: password hashes, code and token hashes.
create or replace function archive_strip_secrets(row_json jsonb) returns jsonb
language sql immutable
as $$
  select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
  from jsonb_each(row_json)
  where key not like '%\_hash'
$$;

-- archive_deletes = false: a deletion of these rows is their retention ending or an erasure, and an archived
-- copy would outlive the short period promised for them (VPN session IP addresses: 90 days).
-- own_retention: the archive of such a table is purged after the shorter of this rule and the archive's rule.
-- watched: for an UPDATE, only changes to these columns are archived (null: every column but updated_at).
create or replace function personal_data_tables()
returns table (table_name text, archive_deletes boolean, own_retention text, watched text[])
language sql immutable
as $$
  values
    ('users', true, null, null),
    ('payments', true, null, null),
    ('vpn_sessions', false, 'vpn_sessions_90_days', null),
    ('traffic_usage', false, null, null),
    ('user_settings', true, null, null),
    ('referrals', true, null, null),
    ('contact_messages', true, null, null),
    ('forum_posts', true, null, null),
    ('feed_subscriptions', true, null, null),
    ('supplementary_statements', true, null, null),
    ('restrictions', true, null, null),
    -- status changes are the request's own event trail (dsr_events); the archive keeps what the person wrote
    ('data_subject_requests', true, null, array['email', 'subject', 'details']),
    ('account_cancellations', true, null, null)
$$;

create or replace function archive_row_change() returns trigger
language plpgsql
security definer
set search_path = public, pg_temp
as $$
declare
  -- built only after the cheap checks below: retention purges skip the row's JSON entirely
  old_json jsonb;
  new_json jsonb;
  archive_deletes boolean := TG_ARGV[0]::boolean;
  watched text[] := case when TG_NARGS > 1 and TG_ARGV[1] <> '' then string_to_array(TG_ARGV[1], ',') end;
  reason text := nullif(current_setting('app.change_reason', true), '');
  actor text := nullif(current_setting('app.actor_type', true), '');
  actor_id text := nullif(current_setting('app.actor_id', true), '');
  invoker text;
begin
  -- the end of a retention period: keeping a copy would prolong what the retention rule ended
  if reason = 'retention' then
    return null;
  end if;
  if TG_OP = 'DELETE' and not archive_deletes then
    return null;
  end if;
  old_json := archive_strip_secrets(to_jsonb(OLD));
  new_json := case when TG_OP = 'UPDATE' then archive_strip_secrets(to_jsonb(NEW)) end;
  if TG_OP = 'UPDATE' then
    if watched is not null then
      if (select bool_and(old_json -> c is not distinct from new_json -> c) from unnest(watched) c) then
        return null;
      end if;
    elsif (old_json - 'updated_at') = (new_json - 'updated_at') then
      return null;
    end if;
  end if;
  if actor is null then
    -- plain SQL outside the portal: say which database role did it
    invoker := case when current_setting('role') <> 'none' then current_setting('role') else session_user::text end;
    actor := 'system';
    reason := coalesce(reason, 'Changed directly in the database (role ' || invoker || ')');
  end if;
  insert into archived_changes (table_name, row_id, user_id, operation, old_row, new_row, actor_type, actor_id, reason)
  values (
    TG_TABLE_NAME,
    coalesce(old_json ->> 'id', concat_ws(':', old_json ->> 'user_id', old_json ->> 'key')),
    case when TG_TABLE_NAME = 'users' then old_json ->> 'id' else old_json ->> 'user_id' end,
    TG_OP::archive_operation,
    old_json,
    new_json,
    actor::actor_type,
    actor_id,
    reason
  );
  return null;
end
$$;

do $$
declare
  t record;
begin
  for t in select * from personal_data_tables() loop
    execute format('drop trigger if exists archive_on_change on %I', t.table_name);
    execute format(
      'create trigger archive_on_change after update or delete on %I for each row execute function archive_row_change(%L, %L)',
      t.table_name,
      t.archive_deletes::text,
      coalesce(array_to_string(t.watched, ','), '')
    );
  end loop;
end
$$;

-- Only the trigger writes the archive: the portal may read it, not forge, alter or remove rows.
revoke insert, update, delete, truncate on archived_changes from dsr_app;
grant select on archived_changes to dsr_app;

-- The one sanctioned deletion: rows past the archive's retention (registry rule archive_conflict_resolution),
-- or past the table's own shorter rule. Called by the retention job; returns how many rows it removed.
create or replace function purge_expired_archive(as_of timestamptz) returns integer
language plpgsql
security definer
set search_path = public, pg_temp
as $$
declare
  archive_period interval;
  removed integer;
begin
  select period into archive_period from retention_rules where slug = 'archive_conflict_resolution';
  if archive_period is null then
    raise exception 'retention rule archive_conflict_resolution has no period';
  end if;
  delete from archived_changes a
  where a.changed_at < as_of - least(
    archive_period,
    coalesce((
      select r.period from personal_data_tables() p join retention_rules r on r.slug = p.own_retention
      where p.table_name = a.table_name
    ), archive_period)
  );
  get diagnostics removed = row_count;
  return removed;
end
$$;

revoke all on function purge_expired_archive(timestamptz) from public;
grant execute on function purge_expired_archive(timestamptz) to dsr_app;

-- For SQL-level processing (retention, exports): is this person's data of a category, or one row of it,
-- restricted right now (Art. 18)? app/lib/restriction.server.ts answers the same for TypeScript.
create or replace function is_restricted(p_user_id text, p_category text, p_row_id text default null) returns boolean
language sql stable
as $$
  select exists (
    select 1 from restrictions r
    where r.user_id = p_user_id
      and r.category_slug = p_category
      and (r.row_id is null or r.row_id = p_row_id)
      and r.lifted_at is null
      and (r.ends_at is null or r.ends_at > now())
  )
$$;
