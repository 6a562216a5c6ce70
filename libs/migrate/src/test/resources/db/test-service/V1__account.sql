create table account (id bigint primary key, name text not null);
