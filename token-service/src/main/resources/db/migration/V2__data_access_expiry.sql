-- Meta's data access lapses 90 days after the user was last active; a refresh
-- does not extend it, so its approach is warned about (TOKEN_EXPIRING).
alter table meta_token add column data_access_expires_at timestamptz;
