-- Dashboard sign-in sessions. The browser holds an opaque random token in an HttpOnly,
-- SameSite=Strict cookie; only its SHA-256 digest is stored, so a copy of this table signs no one in.
-- No foreign key to users: support staff and tenant members are both users, and removing a user
-- revokes their sessions explicitly (SessionService.revokeAllOf) before the row goes.
create table dashboard_sessions (
    id              uuid primary key,
    token_digest    bytea       not null,
    user_id         uuid        not null,
    -- null for kycert support staff, who belong to no tenant
    tenant_id       uuid        references tenants (id),
    email           text        not null,
    role            text        not null,
    -- synchronizer token for CSRF: every state-changing form carries it
    csrf_token      text        not null,
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    -- absolute expiry; the idle expiry is last_seen_at + the configured idle timeout
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    revoked_reason  text
);
create unique index dashboard_sessions_digest_idx on dashboard_sessions (token_digest);
create index dashboard_sessions_user_idx on dashboard_sessions (user_id) where revoked_at is null;
