-- token-service owns every third-party credential. Tokens are stored only as
-- Tink AES-256-GCM ciphertexts (key id inside), bound to their row.

create table platform_user (
    id               uuid primary key,
    workspace_id     uuid        not null,
    platform         text        not null,
    external_user_id text        not null,
    display_name     text        not null,
    connected_by     uuid        not null,
    status           text        not null check (status in ('ACTIVE', 'EXPIRED', 'ARCHIVED')),
    last_refresh_at  timestamptz,
    last_refresh_error text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
-- one live record per provider account and workspace; archived ones stay aside (T5, T6)
create unique index platform_user_live_account on platform_user (workspace_id, platform, external_user_id)
    where status <> 'ARCHIVED';
create index platform_user_by_external on platform_user (platform, external_user_id);

-- ad_account_id names the account across the platform users that cover it
-- (the same in every event, C6): derived from workspace, platform and external id.
create table ad_account (
    id               uuid primary key,
    platform_user_id uuid not null references platform_user (id) on delete cascade,
    ad_account_id    uuid not null,
    external_id      text not null,
    name             text not null,
    unique (platform_user_id, external_id)
);

-- Meta's long-lived user token (CONTRACT: meta_token.access_token, expires_at, token_status).
create table meta_token (
    platform_user_id     uuid primary key references platform_user (id) on delete cascade,
    access_token         text        not null,
    expires_at           timestamptz not null,
    token_status         text        not null check (token_status in ('ACTIVE', 'EXPIRED')),
    expired_reason       text,
    attempts             integer     not null default 0,
    next_attempt_at      timestamptz,
    claimed_until        timestamptz,
    claimed_by           text,
    expiring_notified_at timestamptz,
    updated_at           timestamptz not null
);
-- the refresh job's query: ACTIVE tokens expiring soonest
create index meta_token_refresh_due on meta_token (expires_at) where token_status = 'ACTIVE';

-- OAuth state: single use, 10 minutes, bound to workspace, user and mode
create table oauth_state (
    nonce_hash       text primary key,
    workspace_id     uuid        not null,
    user_id          uuid        not null,
    platform         text        not null,
    mode             text        not null check (mode in ('connect', 'reconnect')),
    platform_user_id uuid,
    expires_at       timestamptz not null,
    used_at          timestamptz
);
