-- Erasure and retention (issue 5). The portal's role may not delete from the consent ledger, so the one
-- sanctioned deletion there is this function, called by the retention job (app/lib/retention.server.ts).

-- The instant a period that began at `since` ends, counted on the calendar of `time_zone` (90 days after a
-- session that started at 10:00 in January ends at 10:00 in April, although the clocks moved in between).
create or replace function retention_end(since timestamptz, period interval, time_zone text) returns timestamptz
language sql stable
as $$
  select ((since at time zone time_zone) + period) at time zone time_zone
$$;

-- Consents of cancelled accounts are kept as proof (registry rule consent_proof) for its period after the
-- account ended, then deleted. Returns the rows removed per account, for the deletion receipts.
create or replace function purge_held_consents(as_of timestamptz, time_zone text)
returns table (user_id text, row_count integer)
language sql
security definer
set search_path = public, pg_temp
as $$
  with rule as (
    select period from retention_rules where slug = 'consent_proof' and period is not null
  ),
  deleted as (
    delete from consents c
    using users u, rule
    where c.user_id = u.id
      and u.erased_at is not null
      and retention_end(u.erased_at, rule.period, time_zone) <= as_of
    returning c.user_id
  )
  select d.user_id, count(*)::integer from deleted d group by d.user_id
$$;

revoke all on function purge_held_consents(timestamptz, text) from public;
grant execute on function purge_held_consents(timestamptz, text) to dsr_app;
grant execute on function retention_end(timestamptz, interval, text) to dsr_app;
