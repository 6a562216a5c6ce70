-- Stripe Connect access tokens (and TikTok advertiser tokens) never expire: no expires_at, never due for a refresh.
alter table oauth_token alter column expires_at drop not null;
