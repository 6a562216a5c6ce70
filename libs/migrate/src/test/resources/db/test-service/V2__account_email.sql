alter table account add column email text;
