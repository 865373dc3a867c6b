-- A list page reads each run's id, creation time and status from the page index alone (an index-only
-- scan where the heap pages are all-visible): finished runs come from the node's cache, only the
-- others are read from the table. Same keys as before, plus status.
create index runs_page_covering_idx on runs (tenant_id, environment, created_at desc, id desc) include (status);
drop index runs_page_idx;
alter index runs_page_covering_idx rename to runs_page_idx;
