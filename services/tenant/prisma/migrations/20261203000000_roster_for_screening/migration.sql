-- Screening matches names with middle names ignored, but a compliance officer reads the full name:
-- the roster keeps an optional middle name.
ALTER TABLE provider ADD COLUMN middle_name TEXT CHECK (length(middle_name) <= 100);

-- SYSTEM ACCESS for the compliance service, which screens every practice's roster on each source
-- update: a page of providers of active practices after a provider id, in id order. Clinicians' data
-- only; the service token of the caller must carry roster:read (checked by the route).
CREATE FUNCTION roster_page(p_after UUID, p_limit INTEGER)
RETURNS TABLE (id UUID, tenant_id UUID, npi TEXT, first_name TEXT, middle_name TEXT, last_name TEXT,
               date_of_birth DATE, license_state TEXT, license_number TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  SELECT p.id, p.tenant_id, p.npi, p.first_name, p.middle_name, p.last_name, p.date_of_birth,
         p.license_state, p.license_number
    FROM provider p JOIN tenant t ON t.id = p.tenant_id
   WHERE (p_after IS NULL OR p.id > p_after) AND t.status = 'active'
   ORDER BY p.id
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 500), 1), 5000)
$$;
