-- Providers with standard OAuth 2.0 (Google Ads, Google Drive, …): a short access token and a refresh token.
-- Both tables carry the same columns, so that one refresh job's SQL serves both; Meta has no refresh token.
alter table meta_token add column refresh_token text;
alter table meta_token add column refresh_expires_at timestamptz;

create table oauth_token (like meta_token including defaults including constraints);
alter table oauth_token add primary key (platform_user_id);
alter table oauth_token add foreign key (platform_user_id) references platform_user (id) on delete cascade;
comment on column oauth_token.refresh_token is 'encrypted like access_token; replaced atomically with it when the provider rotates it';
comment on column oauth_token.refresh_expires_at is 'when the provider forces a new authorization (refresh token end, yearly re-auth)';
create index oauth_token_refresh_due on oauth_token (expires_at) where token_status = 'ACTIVE';
