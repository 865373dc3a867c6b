-- Every node caches API keys (with their tenant's detail approval) in memory and drops an entry when
-- PostgreSQL tells it the row changed: these triggers cover every writer (server, CLI, dashboard, a
-- hand-written UPDATE). The payload names only ids ('key:<id>' / 'tenant:<id>'), never a digest.
-- The batched last-used flush changes nothing a cache holds, so it notifies nobody.

create function kycert_notify_api_key_change() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('kycert_key_changes', 'key:' || old.id::text);
    else
        perform pg_notify('kycert_key_changes', 'key:' || new.id::text);
    end if;
    return null;
end
$$;

create trigger api_keys_notify_insert_delete
    after insert or delete on api_keys
    for each row execute function kycert_notify_api_key_change();

create trigger api_keys_notify_update
    after update on api_keys
    for each row
    when ((to_jsonb(old) - 'last_used_at') is distinct from (to_jsonb(new) - 'last_used_at'))
    execute function kycert_notify_api_key_change();

create function kycert_notify_tenant_change() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('kycert_key_changes', 'tenant:' || old.id::text);
    else
        perform pg_notify('kycert_key_changes', 'tenant:' || new.id::text);
    end if;
    return null;
end
$$;

create trigger tenants_notify_detail_access
    after update on tenants
    for each row
    when (old.detail_access is distinct from new.detail_access)
    execute function kycert_notify_tenant_change();

create trigger tenants_notify_delete
    after delete on tenants
    for each row execute function kycert_notify_tenant_change();
