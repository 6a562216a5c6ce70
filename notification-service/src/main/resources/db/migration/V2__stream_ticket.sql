-- One-time tickets that open a browser's live stream (auth-client's StreamTickets):
-- the hash of the ticket, the stream path it opens, the session JWT's claims it stands for.
create table stream_ticket (
    ticket_hash text primary key,
    path        text        not null,
    claims      jsonb       not null,
    expires_at  timestamptz not null
);
create index stream_ticket_expiry on stream_ticket (expires_at);
