create table outbox (id bigserial primary key, payload text not null);
