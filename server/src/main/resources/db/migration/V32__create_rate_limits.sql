-- Per-tenant rate limits (requests per second) per environment; a missing row means the defaults.
create table tenant_rate_limits (
    tenant_id    uuid        not null references tenants (id),
    environment  text        not null check (environment in ('live', 'sandbox')),
    per_key      integer     not null check (per_key between 1 and 100000),
    per_tenant   integer     not null check (per_tenant between 1 and 100000),
    updated_by   text        not null,
    updated_at   timestamptz not null,
    primary key (tenant_id, environment)
);

-- API nodes alive: each node writes its heartbeat here and takes 1/N of every limit.
create table api_nodes (
    id            uuid        primary key,
    started_at    timestamptz not null,
    last_seen_at  timestamptz not null
);
create index api_nodes_seen_idx on api_nodes (last_seen_at);
