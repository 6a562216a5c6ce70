-- The pages of platform users, in the order they were connected: a workspace's
-- (GET /api/v1/platform-users, PlatformUserRepository.listWorkspace) and every
-- workspace's (GET /internal/v1/platform-users, connector-service's
-- reconciliation, PlatformUserRepository.listAll). Without them each page was a
-- scan and a sort of the whole table: 214 ms at 100,000 rows.
-- Built in the migration's transaction, which holds writes to platform_user
-- for the build: about a second per million rows. (CONCURRENTLY would wait
-- forever for the transaction of Flyway's own lock.)
create index platform_user_workspace_page on platform_user (workspace_id, created_at, id);
create index platform_user_page on platform_user (created_at, id);
