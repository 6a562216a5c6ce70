-- auth-service owns users, workspaces, sessions and the audit of impersonations.

create table workspace (
    id          uuid primary key,
    name        text        not null,
    created_at  timestamptz not null
);

create table app_user (
    id            uuid primary key,
    workspace_id  uuid        not null references workspace (id),
    email         text        not null unique,
    password_hash text        not null,
    role          text        not null check (role in ('owner', 'admin', 'member')),
    created_at    timestamptz not null
);
create index app_user_workspace on app_user (workspace_id);

-- The cookie holds a random secret; only its SHA-256 is stored. The previous
-- hash stays valid for a short grace after rotation (parallel tabs); presenting
-- it later means the secret was stolen, and the session ends.
create table user_session (
    id                   uuid primary key,
    user_id              uuid        not null references app_user (id),
    workspace_id         uuid        not null references workspace (id),
    secret_hash          text        not null unique,
    previous_secret_hash text,
    rotated_at           timestamptz,
    created_at           timestamptz not null,
    slid_at              timestamptz not null,
    expires_at           timestamptz not null,
    ended_at             timestamptz,
    end_reason           text,
    impersonator_id      uuid references app_user (id)
);
create index user_session_previous_secret on user_session (previous_secret_hash) where previous_secret_hash is not null;
create index user_session_live_by_user on user_session (user_id) where ended_at is null;

create table impersonation (
    id           uuid primary key,
    admin_id     uuid        not null references app_user (id),
    user_id      uuid        not null references app_user (id),
    workspace_id uuid        not null references workspace (id),
    session_id   uuid        not null references user_session (id),
    started_at   timestamptz not null,
    until        timestamptz not null,
    ended_at     timestamptz
);
create index impersonation_workspace on impersonation (workspace_id, started_at desc);

-- Failed logins per e-mail address (known or not, so that both look alike).
create table login_throttle (
    email           text primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    blocked_until   timestamptz
);
