-- Webhook endpoints, events and deliveries. Events are written in the transaction that finishes a
-- run (transactional outbox); a dispatcher delivers them at least once, with retries.

create table webhook_endpoints (
    id                          uuid primary key,
    tenant_id                   uuid        not null references tenants (id),
    environment                 text        not null check (environment in ('live', 'sandbox')),
    url                         text        not null,
    -- Signing secrets are needed in clear to sign; they are never shown again after creation/rotation.
    secret                      text        not null,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    status                      text        not null default 'enabled' check (status in ('enabled', 'disabled', 'removed')),
    disabled_reason             text,
    consecutive_failures        integer     not null default 0,
    failing_since               timestamptz,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null
);
create index webhook_endpoints_tenant_idx on webhook_endpoints (tenant_id, environment) where status = 'enabled';

create table webhook_events (
    id           uuid primary key,
    tenant_id    uuid        not null references tenants (id),
    environment  text        not null,
    type         text        not null,
    run_id       uuid        not null references runs (id),
    payload      text        not null,
    created_at   timestamptz not null
);

create table webhook_deliveries (
    id               uuid primary key,
    event_id         uuid        not null references webhook_events (id),
    endpoint_id      uuid        not null references webhook_endpoints (id),
    status           text        not null check (status in ('pending', 'succeeded', 'failed', 'cancelled')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    lease_owner      text,
    lease_expires_at timestamptz,
    last_attempt_at  timestamptz,
    last_status      integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz not null
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc);
