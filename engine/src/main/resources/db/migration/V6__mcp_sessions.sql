-- MCP sessions, so that any instance can serve a session another one started (a client behind a round-robin
-- proxy). The initialize request is kept as sent: an instance that meets an unknown session id starts its own
-- copy of the session from it. principal names the caller that opened it; no one else may use it.
create table mcp_sessions (
    id           text primary key,
    principal    text not null,
    initialize   text not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null
);
create index mcp_sessions_last_seen on mcp_sessions (last_seen_at);
