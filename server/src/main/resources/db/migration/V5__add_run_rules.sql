-- Each run keeps the rule outcomes of the template version it was created with.
alter table runs add column rule_outcomes jsonb not null default '{}'::jsonb;
