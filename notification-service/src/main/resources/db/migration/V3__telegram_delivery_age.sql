-- When a bot message was queued: a message keeps being retried through a Telegram outage until it is a day old.
alter table telegram_delivery add column created_at timestamptz not null default now();
