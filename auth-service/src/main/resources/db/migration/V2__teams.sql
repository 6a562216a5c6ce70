-- Teams: a user may belong to several workspaces, with a role in each (agencies work across clients).

create table membership (
    id           uuid primary key,
    workspace_id uuid        not null references workspace (id),
    user_id      uuid        not null references app_user (id),
    role         text        not null check (role in ('owner', 'admin', 'member')),
    joined_at    timestamptz not null,
    unique (workspace_id, user_id)
);
create index membership_by_user on membership (user_id);
insert into membership (id, workspace_id, user_id, role, joined_at)
    select gen_random_uuid(), workspace_id, id, role, created_at from app_user;

-- the workspace a login opens: the one the user chose last
alter table app_user rename column workspace_id to default_workspace_id;
drop index app_user_workspace;

-- a session belongs to one workspace, with the role the user had there when it opened; a role change
-- or a removal ends the user's sessions in that workspace, so the role never goes stale
alter table user_session add column role text;
update user_session s set role = u.role from app_user u where u.id = s.user_id;
alter table user_session alter column role set not null;
alter table app_user drop column role;

-- an invitation is a one-time link: only the SHA-256 of its token is kept
create table invitation (
    id           uuid primary key,
    workspace_id uuid        not null references workspace (id),
    email        text        not null,
    role         text        not null check (role in ('owner', 'admin', 'member')),
    token_hash   text        not null unique,
    invited_by   uuid        not null references app_user (id),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid references app_user (id)
);
create index invitation_workspace on invitation (workspace_id, created_at desc);
