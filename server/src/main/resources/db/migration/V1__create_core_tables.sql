-- Tenants (brokerages), their API keys, templates, runs and the audit log.
-- Documents are stored as canonical text, never as numbers; secrets are never stored in clear.

create table tenants (
    id                          uuid primary key,
    name                        text        not null check (length(name) between 1 and 200),
    detail_access               boolean     not null default false,
    detail_access_changed_by    text,
    detail_access_changed_at    timestamptz,
    created_at                  timestamptz not null
);

create table api_keys (
    id            uuid primary key,
    tenant_id     uuid        not null references tenants (id),
    name          text        not null check (length(name) between 1 and 200),
    environment   text        not null check (environment in ('live', 'sandbox')),
    scopes        text[]      not null check (cardinality(scopes) > 0
                                  and scopes <@ array['runs:write', 'runs:read', 'detail:read']::text[]),
    subject_type  text        check (subject_type in ('pf', 'pj')),
    -- HMAC-SHA256 of the whole key under the server's key pepper.
    digest        bytea       not null,
    last4         text        not null check (length(last4) = 4),
    status        text        not null default 'active' check (status in ('active', 'inactive', 'revoked')),
    expires_at    timestamptz,
    created_by    text        not null,
    created_at    timestamptz not null,
    revoked_by    text,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
create unique index api_keys_digest_idx on api_keys (digest);
create index api_keys_tenant_idx on api_keys (tenant_id, created_at desc);

create table templates (
    id            uuid primary key,
    tenant_id     uuid        not null references tenants (id),
    name          text        not null check (length(name) between 1 and 200),
    subject_type  text        not null check (subject_type in ('pf', 'pj')),
    -- [{"source": "receita_cpf", "required": true, "timeout_ms": 2000}, ...]
    sources       jsonb       not null,
    rules         jsonb       not null,
    version       integer     not null default 1 check (version >= 1),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index templates_tenant_idx on templates (tenant_id);

create table runs (
    id                uuid primary key,
    tenant_id         uuid        not null references tenants (id),
    environment       text        not null check (environment in ('live', 'sandbox')),
    template_id       uuid        not null references templates (id),
    template_version  integer     not null,
    subject_type      text        not null check (subject_type in ('pf', 'pj')),
    subject_doc       text        not null,
    subject_name      text        not null,
    external_id       text,
    status            text        not null check (status in ('queued', 'running', 'completed', 'failed')),
    decision          text        check (decision in ('approved', 'review', 'rejected')),
    completeness      text        check (completeness in ('full', 'partial')),
    compliance_alert  boolean     not null default false,
    reasons           jsonb       not null default '[]'::jsonb,
    rule_results      jsonb       not null default '[]'::jsonb,
    credits_charged   bigint      not null default 0,
    would_charge      bigint      not null default 0,
    created_by_key    uuid        not null references api_keys (id),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    completed_at      timestamptz
);
-- Newest-first keyset pagination within a tenant and environment.
create index runs_page_idx on runs (tenant_id, environment, created_at desc, id desc);

create table run_sources (
    run_id        uuid        not null references runs (id) on delete cascade,
    source        text        not null,
    position      integer     not null,
    required      boolean     not null,
    timeout_ms    integer     not null,
    status        text        not null check (status in ('pending', 'succeeded', 'failed', 'timed_out', 'skipped')),
    outcome       text        check (outcome in ('approved', 'review', 'rejected')),
    attempts      integer     not null default 0,
    latency_ms    bigint,
    cost          bigint      not null default 0,
    started_at    timestamptz,
    completed_at  timestamptz,
    error         text,
    raw           jsonb,
    primary key (run_id, source)
);

create table idempotency_keys (
    tenant_id      uuid        not null,
    environment    text        not null,
    key            text        not null,
    request_hash   bytea       not null,
    run_id         uuid        not null references runs (id),
    response_body  text        not null,
    created_at     timestamptz not null,
    primary key (tenant_id, environment, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table audit_log (
    id           bigserial primary key,
    at           timestamptz not null,
    tenant_id    uuid,
    actor        text        not null,
    action       text        not null,
    key_id       uuid,
    key_name     text,
    method       text,
    route        text,
    status       integer,
    request_id   text,
    details      jsonb       not null default '{}'::jsonb
);
create index audit_log_tenant_idx on audit_log (tenant_id, at desc);
