-- Reconciliation with token-service's state: one replica at a time holds the run, and the daily one
-- runs once a day whichever replica's schedule fires first.
create table reconciliation (
    name              text primary key,
    held_until        timestamptz not null,
    last_completed_at timestamptz
);
