-- Live credits: a balance per tenant that can never go negative, and a ledger of every movement.
alter table tenants add column credits_balance bigint not null default 0 check (credits_balance >= 0);
alter table runs add column credits_reserved bigint not null default 0;

create table credit_ledger (
    id             bigserial primary key,
    tenant_id      uuid        not null references tenants (id),
    run_id         uuid        references runs (id),
    -- grant (+), reserve (- the run's full cost, at creation), release (+ the reservation, when the
    -- run finishes), settle (- the cost of one source that answered). Failed or skipped sources are
    -- never settled, so they are refunded by the release.
    kind           text        not null check (kind in ('grant', 'reserve', 'release', 'settle')),
    source         text,
    amount         bigint      not null,
    balance_after  bigint      not null check (balance_after >= 0),
    actor          text        not null,
    at             timestamptz not null
);
create index credit_ledger_tenant_idx on credit_ledger (tenant_id, id desc);
