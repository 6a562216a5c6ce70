-- Who did what (libs/audit): every admin action and every action taken while impersonating, written in
-- the transaction of the change, with its audit-events event (outbox). Never a token or a password.
-- A repeatable migration, so that it fits every service's own numbering: each statement must stay
-- safe to run again (Flyway runs it again whenever this file changes).
create table if not exists audit_log (
    id           uuid primary key,
    workspace_id uuid        not null,
    service      text        not null,
    actor_id     uuid        not null,
    subject_id   uuid,
    action       text        not null,
    target       text,
    detail       text,
    request_id   text        not null,
    occurred_at  timestamptz not null
);
create index if not exists audit_log_workspace on audit_log (workspace_id, occurred_at desc, id desc);
create index if not exists audit_log_age on audit_log (occurred_at);
