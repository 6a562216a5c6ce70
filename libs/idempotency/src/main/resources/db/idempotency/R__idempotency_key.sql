-- libs/idempotency: the answer to each POST, PATCH or DELETE sent with an Idempotency-Key, so that a
-- retry gets it again instead of acting twice. A repeatable migration (it fits every service's own
-- numbering): each statement must stay safe to run again.
create table if not exists idempotency_key (
    -- SHA-256 of the caller (JWT subject, or "anonymous") and the client's key
    key_hash     text primary key,
    -- method and path: the same key on another request is refused
    fingerprint  text        not null,
    created_at   timestamptz not null,
    -- null while the first request is in flight
    completed_at timestamptz,
    status       integer,
    content_type text,
    body         text
);
create index if not exists idempotency_key_age on idempotency_key (created_at);
