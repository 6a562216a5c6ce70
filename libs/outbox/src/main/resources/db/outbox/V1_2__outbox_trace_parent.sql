-- The trace each outbox row was written in (a W3C traceparent, null outside a trace): the relay
-- continues it, so the record's producer span and its consumers belong to the story that caused it.
alter table outbox_event add column trace_parent text;
