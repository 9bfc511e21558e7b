-- Events no longer take their number inside the writer's transaction. The event_counter row lock used to be held
-- through every commit's WAL flush, so event-writing transactions committed one at a time. Now a writer inserts
-- its events with only an entry number (from a sequence, in the order they were written) and seq left null; after
-- they commit, a sequencer pass (any engine instance, one pass at a time under the event_counter row lock) gives
-- every committed event without a seq the next numbers, in entry order, in one short transaction. So seq stays
-- gapless and becomes visible in order, and readers read by seq exactly as before.
create sequence events_entry as bigint;
alter table events add column entry bigint not null default nextval('events_entry');
alter sequence events_entry owned by events.entry;

alter table events drop constraint events_pkey;
alter table events add primary key (entry);
alter table events alter column seq drop not null;
create unique index events_by_seq on events (seq);
create index events_unsequenced on events (entry) where seq is null;

-- Still append-only, except that the sequencer sets seq once. The sequencer's update names no other column, so
-- the first trigger stays out of its way; the second runs only when a seq would change.
drop trigger events_no_update on events;
create trigger events_no_change before update of entry, plan_id, step_id, state, attempt, summary, occurred_at
    or delete on events for each row execute function events_append_only();
create trigger events_seq_once before update of seq on events
    for each row when (old.seq is not null or new.seq is null) execute function events_append_only();
