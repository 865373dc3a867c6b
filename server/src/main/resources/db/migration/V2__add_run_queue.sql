-- The run queue lives in the runs table: workers claim with FOR UPDATE SKIP LOCKED and hold a
-- lease; a run whose worker died is claimed again once its lease has expired.
alter table runs
    add column attempts          integer not null default 0,
    add column lease_owner       text,
    add column lease_expires_at  timestamptz,
    add column started_at        timestamptz;

create index runs_claim_idx on runs (created_at) where status in ('queued', 'running');
