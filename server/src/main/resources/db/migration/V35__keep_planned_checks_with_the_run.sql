-- A run's planned source checks live in its own row until it is settled: creating a run writes one
-- row, not one per source, and claiming it reads them with the run. Settlement writes the answered
-- checks to run_sources (their only write) and clears the plan. A finished run's checks are in
-- run_sources; an unfinished run's in planned_checks:
--   [{"source": "receita_cpf", "required": true, "timeout_ms": 2000, "cost": 30}, ...]
alter table runs add column planned_checks jsonb;

-- Runs in flight when this migration runs keep their plan: it moves from their pending rows.
update runs r
   set planned_checks = coalesce(
       (select jsonb_agg(jsonb_build_object('source', s.source, 'required', s.required,
                                            'timeout_ms', s.timeout_ms, 'cost', s.cost)
                         order by s.position)
          from run_sources s
         where s.run_id = r.id),
       '[]'::jsonb)
 where r.status in ('queued', 'running');

delete from run_sources s
 using runs r
 where r.id = s.run_id and r.status in ('queued', 'running');
