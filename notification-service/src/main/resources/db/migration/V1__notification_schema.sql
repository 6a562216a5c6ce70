-- notification-service: the bell, its live feed, and Telegram links.

-- consumers are idempotent: an event id is applied once
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null
);

-- the occurredAt of the newest token-status event applied per credential: older ones change nothing
create table credential_seen (
    platform_user_id uuid primary key,
    last_event_at    timestamptz not null
);

create table notification (
    id           uuid primary key,
    workspace_id uuid        not null,
    type         text        not null,
    platform     text,
    title        text        not null,
    body         text        not null,
    link         text,
    -- CONNECTORS_AND_ADMINS: the users who connected a subject, plus admins and owners; WORKSPACE: every member
    audience     text        not null check (audience in ('CONNECTORS_AND_ADMINS', 'WORKSPACE')),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    resolved_at  timestamptz
);
create index notification_feed on notification (workspace_id, created_at desc);
create index notification_open_group on notification (workspace_id, type, created_at) where resolved_at is null;

-- what a notification is about: a credential (token alerts) or an ad account (sync failures)
create table notification_subject (
    notification_id uuid not null references notification (id) on delete cascade,
    subject_id      uuid not null,
    type            text not null,
    display_name    text not null,
    connected_by    uuid,
    expires_at      timestamptz,
    detail          text,
    created_at      timestamptz not null,
    resolved_at     timestamptz,
    primary key (notification_id, subject_id)
);
-- deduplicated by subject and type: one open alert each
create unique index one_open_alert_per_subject on notification_subject (subject_id, type) where resolved_at is null;
create index notification_subject_connected_by on notification_subject (connected_by);

create table notification_read (
    notification_id uuid        not null references notification (id) on delete cascade,
    user_id         uuid        not null,
    read_at         timestamptz not null,
    primary key (notification_id, user_id)
);

-- the live feed: a gap-free sequence per workspace (the row lock orders commits), resumable by Last-Event-ID
create table workspace_feed (
    workspace_id uuid primary key,
    last_seq     bigint not null
);
create table notification_change (
    workspace_id    uuid        not null,
    seq             bigint      not null,
    -- null: only the unread count changed (read-all)
    notification_id uuid,
    -- set when only this user's view changed (read, read-all)
    user_id         uuid,
    changed_at      timestamptz not null,
    primary key (workspace_id, seq)
);

-- Telegram (N5): one-time link tokens, stored hashed
create table telegram_link_token (
    token_hash   text primary key,
    workspace_id uuid        not null,
    user_id      uuid        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create table telegram_link (
    workspace_id uuid        not null,
    user_id      uuid        not null,
    chat_id      bigint      not null,
    linked_at    timestamptz not null,
    primary key (workspace_id, user_id)
);
create index telegram_link_chat on telegram_link (chat_id);
-- Telegram may deliver an update twice
create table telegram_update (
    update_id   bigint primary key,
    received_at timestamptz not null
);
-- long polling: the next getUpdates offset
create table telegram_poll (
    id          int primary key check (id = 1),
    next_offset bigint not null
);
insert into telegram_poll values (1, 0);
-- messages waiting to go through the bot (429 retry_after moves next_attempt_at)
create table telegram_delivery (
    id              uuid primary key,
    chat_id         bigint      not null,
    text            text        not null,
    next_attempt_at timestamptz not null,
    attempts        int         not null default 0,
    claimed_until   timestamptz
);
create index telegram_delivery_due on telegram_delivery (next_attempt_at);
