-- The transactional outbox (module outbox): rows commit with the state change
-- they announce; OutboxRelay sends them to Kafka and deletes them.
create table outbox_event (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Wakes the relay when an outbox row commits (NOTIFY is delivered on commit).
create function notify_outbox_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;
create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function notify_outbox_event();
