-- The tamper-evident audit trail (issue 7): every request event and every DPO action becomes one row of
-- a hash chain in audit_log; each row's hash covers the previous row's hash, so altering or removing any
-- row breaks the chain at that row (app/lib/audit.server.ts verifies it, /dpo/audit shows the result).
--
-- Rows are chained when their transaction commits, by deferred constraint triggers: the chain lock is then
-- held only for the last moment of a commit, never while a transaction waits for other locks, so event
-- writers can neither deadlock on it nor queue behind a long erasure. See docs/decisions/070.
--
-- The chained fields carry no personal data: ids, kinds, actor ids and a hash of the event's details.
-- Erasing a person's request text therefore changes nothing the chain covers.

-- The hash of one chain row. JSON keeps field boundaries unambiguous; times are hashed to the microsecond in UTC.
create or replace function audit_row_hash(
  p_prev_hash text, p_id bigint, p_request_id bigint, p_event_id bigint, p_kind text,
  p_actor_type text, p_actor_id text, p_payload_hash text, p_created_at timestamptz
) returns text
language sql stable
as $$
  select encode(sha256(convert_to(json_build_array(
    p_prev_hash, p_id, p_request_id, p_event_id, p_kind, p_actor_type, p_actor_id, p_payload_hash,
    to_char(p_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;

-- The details of an event that may hold personal data (a note, a reason) enter the chain only as this hash.
create or replace function dsr_event_payload_hash(p_from_status text, p_to_status text, p_note text, p_data jsonb) returns text
language sql immutable
as $$
  select encode(sha256(convert_to(
    jsonb_build_object('from_status', p_from_status, 'to_status', p_to_status, 'note', p_note, 'data', p_data)::text, 'UTF8'
  )), 'hex')
$$;

-- Appends one sealed row after the current head. Only the triggers below call it.
create or replace function audit_chain_append(
  p_request_id bigint, p_event_id bigint, p_kind text, p_actor_type text, p_actor_id text, p_payload_hash text
) returns bigint
language plpgsql
security definer
set search_path = public, pg_temp
as $$
declare
  v_prev text;
  v_id bigint;
  -- milliseconds, so that the time reads back exactly in JavaScript
  v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
begin
  -- a snapshot older than the last commit would not see the head and would fork the chain
  if current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'audit chain: request events must be written in a READ COMMITTED transaction (this one is %)',
      current_setting('transaction_isolation');
  end if;
  -- one appender at a time; the lock ends with this (committing) transaction
  perform pg_advisory_xact_lock(hashtext('dsr-portal:audit-chain'));
  select a.hash into v_prev from audit_log a where a.hash <> '' order by a.id desc limit 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  -- taken under the lock, so id order is chain order
  v_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  insert into audit_log (id, request_id, event_id, kind, actor_type, actor_id, payload_hash, prev_hash, hash, created_at)
  values (
    v_id, p_request_id, p_event_id, p_kind, p_actor_type, p_actor_id, p_payload_hash, v_prev,
    audit_row_hash(v_prev, v_id, p_request_id, p_event_id, p_kind, p_actor_type, p_actor_id, p_payload_hash, v_at),
    v_at
  );
  return v_id;
end
$$;

revoke all on function audit_chain_append(bigint, bigint, text, text, text, text) from public;

-- Every request event, from every capability and from plain SQL alike, is chained at commit.
create or replace function dsr_events_to_audit_chain() returns trigger
language plpgsql
security definer
set search_path = public, pg_temp
as $$
begin
  perform audit_chain_append(
    NEW.request_id, NEW.id, NEW.kind, NEW.actor_type::text, NEW.actor_id,
    dsr_event_payload_hash(NEW.from_status::text, NEW.to_status::text, NEW.note, NEW.data)
  );
  return null;
end
$$;

drop trigger if exists dsr_events_audit_chain on dsr_events;
create constraint trigger dsr_events_audit_chain
  after insert on dsr_events
  deferrable initially deferred
  for each row execute function dsr_events_to_audit_chain();

-- DPO actions that are not request events (registry edits) are inserted as provisional rows (hash '')
-- and replaced by a sealed row at commit.
create or replace function audit_log_seal_provisional() returns trigger
language plpgsql
security definer
set search_path = public, pg_temp
as $$
begin
  delete from audit_log where id = NEW.id;
  perform audit_chain_append(NEW.request_id, NEW.event_id, NEW.kind, NEW.actor_type, NEW.actor_id, NEW.payload_hash);
  return null;
end
$$;

drop trigger if exists audit_log_seal_provisional on audit_log;
create constraint trigger audit_log_seal_provisional
  after insert on audit_log
  deferrable initially deferred
  for each row
  when (NEW.hash = '')
  execute function audit_log_seal_provisional();

-- The portal appends (provisional rows) and reads; it never alters or removes (000_app_role.sql revokes those).
grant select, insert on audit_log to dsr_app;

-- Anchors of the chain's head (signed outside the database, decision 033): the portal adds them and reads
-- them, never changes or removes one.
grant select, insert on audit_anchors to dsr_app;
