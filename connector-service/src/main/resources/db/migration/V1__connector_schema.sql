-- connector-service's own view of token health, built from token-status events.

-- consumers are idempotent: an event id is applied once
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null
);

create table platform_user (
    id               uuid primary key,
    workspace_id     uuid        not null,
    platform         text        not null,
    external_user_id text        not null,
    display_name     text        not null,
    status           text        not null check (status in ('ACTIVE', 'EXPIRED', 'ARCHIVED')),
    reason           text,
    expires_at       timestamptz,
    last_refresh_at  timestamptz,
    -- the occurredAt of the newest event applied: older ones arrive late and change nothing
    last_event_at    timestamptz not null
);
create index platform_user_workspace on platform_user (workspace_id, platform);

create table ad_account (
    id                uuid primary key,
    workspace_id      uuid        not null,
    platform          text        not null,
    external_id       text        not null,
    name              text        not null,
    -- the end of the last completed sync: the next window starts here (C7)
    synced_until      timestamptz,
    last_synced_at    timestamptz,
    -- when the account first became syncable (the first window starts here)
    tracked_since     timestamptz not null,
    next_sync_at      timestamptz not null,
    gate_open         boolean     not null default false
);
create index ad_account_workspace on ad_account (workspace_id, platform);
create index ad_account_sync_due on ad_account (next_sync_at) where gate_open;

create table coverage (
    ad_account_id    uuid not null references ad_account (id) on delete cascade,
    platform_user_id uuid not null references platform_user (id) on delete cascade,
    primary key (ad_account_id, platform_user_id)
);
create index coverage_by_user on coverage (platform_user_id);

create table sync_request (
    request_id       uuid primary key,
    ad_account_id    uuid        not null references ad_account (id) on delete cascade,
    platform_user_id uuid        not null,
    window_from      timestamptz not null,
    window_to        timestamptz not null,
    trigger          text        not null check (trigger in ('SCHEDULED', 'FORCED', 'BACKFILL')),
    requested_at     timestamptz not null,
    completed_at     timestamptz,
    outcome          text
);
create index sync_request_open on sync_request (ad_account_id) where completed_at is null;
