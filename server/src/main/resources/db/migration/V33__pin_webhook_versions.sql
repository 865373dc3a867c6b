-- Webhook endpoints are pinned to the API version their events are rendered in. Endpoints created before versions
-- evolved received 2026-06-03 events and keep them; new endpoints get the latest version unless told otherwise.
alter table webhook_endpoints add column api_version text;
update webhook_endpoints set api_version = '2026-06-03';
alter table webhook_endpoints alter column api_version set not null;

-- Idempotent replays are rendered again in the replaying request's version from the stored canonical (latest) run.
-- From 2026-12-01 the canonical run carries the masked document in subject.doc (it was subject.doc_masked).
update idempotency_keys
   set response_body = jsonb_set(response_body::jsonb #- '{subject,doc_masked}', '{subject,doc}',
                                 response_body::jsonb -> 'subject' -> 'doc_masked')::text
 where response_body::jsonb -> 'subject' ? 'doc_masked';
