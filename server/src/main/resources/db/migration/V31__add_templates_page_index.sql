-- Newest-first keyset pagination of a tenant's templates (GET /api/v1/bureau/templates).
create index templates_page_idx on templates (tenant_id, created_at desc, id desc);
