-- Rolling a key creates its successor (same name, environment, scopes and restriction) and sets the
-- old key to expire; the successor remembers which key it replaces, so the list can show both.
alter table api_keys add column replaces_key_id uuid references api_keys (id);
create index api_keys_replaces_idx on api_keys (replaces_key_id) where replaces_key_id is not null;
