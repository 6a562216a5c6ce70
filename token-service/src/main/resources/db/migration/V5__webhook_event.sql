-- Providers' webhook events already acted on (Stripe's event id): a replayed or
-- retried event changes nothing twice. Written by TokenStore in the transaction
-- of the change the event caused.
create table webhook_event (
    provider    text        not null,
    event_id    text        not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
);
