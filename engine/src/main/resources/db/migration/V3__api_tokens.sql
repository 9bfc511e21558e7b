-- API tokens besides the data dir's owner token, and who (label, role, token) made each decision.
-- A token is stored as the SHA-256 of its secret: the secret is shown once, when it is made.
create table api_tokens (
    id            text primary key,
    role          text not null check (role in ('approver', 'agent', 'viewer')),
    label         text not null check (char_length(label) between 1 and 64),
    secret_sha256 text not null unique,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_tokens_newest on api_tokens (created_at desc, id desc);

-- Decisions before this were made with the owner token. Only an owner or an approver decides: an agent never does.
alter table approvals add column decided_role text not null default 'owner'
    check (decided_role in ('owner', 'approver'));
alter table approvals alter column decided_role drop default;
alter table approvals add column token_id text;
