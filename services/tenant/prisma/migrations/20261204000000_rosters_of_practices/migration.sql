-- SYSTEM ACCESS for the compliance service's batch screening: the rosters of the practices it names
-- (active ones), in one call instead of one per practice. Clinicians' data only, like roster_page; the
-- caller's service token must carry roster:read (checked by the route).
CREATE FUNCTION rosters_of(p_tenants UUID[])
RETURNS TABLE (id UUID, tenant_id UUID, npi TEXT, first_name TEXT, middle_name TEXT, last_name TEXT,
               date_of_birth DATE, license_state TEXT, license_number TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  SELECT p.id, p.tenant_id, p.npi, p.first_name, p.middle_name, p.last_name, p.date_of_birth,
         p.license_state, p.license_number
    FROM provider p JOIN tenant t ON t.id = p.tenant_id
   WHERE p.tenant_id = ANY(p_tenants[1:200]) AND t.status = 'active'
   ORDER BY p.tenant_id, p.id
$$;
