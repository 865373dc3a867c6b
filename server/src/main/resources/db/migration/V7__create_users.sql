-- Dashboard accounts: tenant staff (owner, admin, developer, viewer) and kycert support staff (no
-- tenant). One table, so an e-mail address signs in to exactly one account whatever its kind.
create table users (
    id                    uuid primary key,
    -- Null exactly for support staff.
    tenant_id             uuid        references tenants (id),
    email                 text        not null check (length(email) between 3 and 254),
    role                  text        not null check (role in ('owner', 'admin', 'developer', 'viewer', 'support')),
    -- Argon2id in PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    password_hash         text        not null,
    -- RFC 6238 shared secret once enrolment is confirmed; the pending one while it is not.
    totp_secret           bytea,
    totp_pending_secret   bytea,
    totp_enabled_at       timestamptz,
    -- The last TOTP time step accepted, so a code cannot be replayed within its window.
    totp_last_step        bigint,
    created_by            text        not null,
    created_at            timestamptz not null,
    removed_by            text,
    removed_at            timestamptz,
    check ((tenant_id is null) = (role = 'support'))
);
-- Unique case-insensitively among accounts that still exist; a removed member's address can be reused.
create unique index users_email_idx on users (lower(email)) where removed_at is null;
create index users_tenant_idx on users (tenant_id, created_at) where removed_at is null;

-- Failed sign-ins, counted per e-mail address (known or not, so a lockout reveals nothing about
-- which addresses have accounts) and per client address. Subjects are SHA-256 digests: an
-- address someone mistyped is not personal data worth keeping.
create table sign_in_failures (
    subject        bytea       primary key,
    kind           text        not null check (kind in ('email', 'client')),
    failures       integer     not null,
    window_start   timestamptz not null,
    locked_until   timestamptz
);

-- An owner can require every member of the tenant to sign in with a TOTP second factor.
alter table tenants add column require_totp boolean not null default false;

-- Detail approvals record why they were granted or withdrawn.
alter table tenants add column detail_access_reason text;

create index audit_log_tenant_action_idx on audit_log (tenant_id, action, at desc, id desc);
create index audit_log_tenant_key_idx on audit_log (tenant_id, key_id, at desc, id desc);
