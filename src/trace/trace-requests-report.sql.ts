/**
 * The trace requests filed in a period, for the `trace_requests` report: the trace module's
 * read of its own table, streamed by the report's cursor inside the report's snapshot.
 * Parameters: $1 first Panama day (`YYYY-MM-DD`, or null), $2 last day (or null), $3 status
 * (or null), $4 case number (or null). Oldest first (ix_trace_requests_created, _status or _case).
 */
export const TRACE_REQUESTS_REPORT_SQL = `
  SELECT case_number, requesting_agency, crime_type, marking->>'serialNumber' AS serial_searched, status,
         result->>'outcome' AS outcome, jsonb_array_length(result->'candidates') AS candidates,
         result->'traceRecord'->'weapon'->>'registryNumber' AS traced_registry_number,
         requested_by_username, created_at, completed_at
    FROM trace_requests
   WHERE ($1::text IS NULL OR created_at >= (($1)::date::timestamp AT TIME ZONE 'America/Panama'))
     AND ($2::text IS NULL OR created_at < (($2)::date::timestamp AT TIME ZONE 'America/Panama') + interval '1 day')
     AND ($3::text IS NULL OR status = $3)
     AND ($4::text IS NULL OR case_number = $4)
   ORDER BY created_at, id`;
