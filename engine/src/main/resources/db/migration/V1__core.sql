-- Plans, steps, the append-only event log and the approvals audit.
-- States are the ones in DESIGN.md; CHECKs keep a bug from writing anything else.

create table plans (
    id              text primary key,
    goal            text not null check (char_length(goal) between 1 and 2048),
    agent           text not null,
    workspace       text,
    inputs          jsonb not null default '{}'::jsonb check (jsonb_typeof(inputs) = 'object'),
    labels          jsonb not null default '{}'::jsonb check (jsonb_typeof(labels) = 'object'),
    state           text not null check (state in
                        ('running', 'waiting_approval', 'completed', 'failed', 'rejected', 'cancelled')),
    reason          text,
    idempotency_key text unique,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index plans_newest on plans (created_at desc, id desc);
create index plans_state_newest on plans (state, created_at desc, id desc);

create table steps (
    plan_id           text not null references plans (id) on delete cascade,
    id                text not null,
    position          int  not null check (position >= 0),
    action            text not null,
    tool              text not null,
    capability        text not null,
    capability_label  text not null,
    approval_required boolean not null,
    timeout_seconds   int  not null check (timeout_seconds > 0),
    depends_on        text[] not null default '{}',
    state             text not null check (state in
                          ('pending', 'waiting_approval', 'queued', 'running', 'retrying', 'completed', 'failed',
                           'rejected', 'dead_lettered', 'cancelled')),
    attempt           int  not null default 0 check (attempt >= 0),
    output            jsonb,
    summary           text,
    lease_owner       text,
    ran_by            text,  -- the engine instance that last claimed the step (audit, kept after it finishes)
    lease_expires_at  timestamptz,
    run_after         timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    primary key (plan_id, id),
    unique (plan_id, position),
    -- a step has a finish time exactly when it is in a final state
    check ((state in ('completed', 'failed', 'rejected', 'dead_lettered', 'cancelled')) = (finished_at is not null)),
    -- only a running step holds a lease
    check ((state = 'running') = (lease_owner is not null))
);
create index steps_runnable on steps (run_after) where state in ('queued', 'retrying');
create index steps_leased on steps (lease_expires_at) where state = 'running';

-- The event log. seq is handed out from event_counter under its row lock, so sequence numbers have no gaps and
-- become visible in order (a reader that has seen N never later finds a new event below N).
create table events (
    seq         bigint primary key,
    plan_id     text not null,
    step_id     text,
    state       text not null,
    attempt     int  not null default 0,
    summary     text,
    occurred_at timestamptz not null
);
create index events_by_plan on events (plan_id, seq);

create table event_counter (
    id       int primary key check (id = 1),
    last_seq bigint not null
);
insert into event_counter (id, last_seq) values (1, 0);

create function events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'events are append-only';
end $$;
create trigger events_no_update before update or delete on events
    for each row execute function events_append_only();

create table approvals (
    plan_id    text not null,
    step_id    text not null,
    attempt    int  not null default 0,
    decision   text not null check (decision in ('approved', 'rejected')),
    decided_by text not null,
    rationale  text,
    decided_at timestamptz not null,
    primary key (plan_id, step_id, attempt),
    foreign key (plan_id, step_id) references steps (plan_id, id) on delete cascade
);
