import { licenceInForceSql } from '../owners/licence-in-force';
import { TRACE_REQUESTS_REPORT_SQL } from '../trace/trace-requests-report.sql';
import { ReportKind, type ReportRow, type TabularReportKind } from './report-kinds';
import { destructionCertificateSource, iafqSource, sdgSource } from './recovery-reports';

/**
 * The set-based reads behind the tabular reports. Each is one query streamed from a cursor
 * inside the job's REPEATABLE READ snapshot; `now()` is that transaction's start, so "today"
 * and "in force" mean the instant the report describes. Reports read across the registry's
 * tables by nature: these queries are the one place they do, read-only; the trace requests'
 * query is the trace module's own (trace/trace-requests-report.sql.ts).
 */
export interface ReportSource {
  sql: string;
  values: unknown[];
  map: (row: Record<string, unknown>) => ReportRow;
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value === null ? null : String(value));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const int = (value: unknown): number => Number(value ?? 0);

/** The start of a Panama calendar day as a timestamptz expression over a `YYYY-MM-DD` parameter. */
const panamaDayStart = (param: string): string => `((${param})::date::timestamp AT TIME ZONE 'America/Panama')`;

/**
 * Every weapon now lost or stolen, with the report that made it so (its latest reported_lost
 * or reported_stolen event, by ix_weapon_events_weapon). The weapons come from ix_weapons_status.
 */
const STOLEN_WEAPONS_SQL = `
  SELECT w.registry_number, w.status, w.make, w.model, w.type, w.calibre, w.serial_number,
         o.name AS holder_name, o.id_kind, o.id_number, w.district, d.name AS district_name,
         r.kind AS reported_as, r.occurred_at AS reported_at, r.place AS reported_place
    FROM weapons w
    JOIN owners o ON o.id = w.holder_id
    JOIN districts d ON d.code = w.district
    LEFT JOIN LATERAL (
      SELECT e.kind, e.occurred_at, e.place
        FROM weapon_events e
       WHERE e.weapon_id = w.id AND e.kind IN ('reported_lost', 'reported_stolen')
       ORDER BY e.recorded_at DESC, e.id DESC
       LIMIT 1) r ON true
   WHERE w.status IN ('lost', 'stolen')
     AND ($1::text IS NULL OR w.district = $1)
     AND ($2::text IS NULL OR r.occurred_at >= ${panamaDayStart('$2')})
     AND ($3::text IS NULL OR r.occurred_at < ${panamaDayStart('$3')} + interval '1 day')
   ORDER BY r.occurred_at DESC NULLS LAST, w.registry_number`;

/**
 * One row per district (all of them, or the one asked for), zeros included. A licence counts
 * as in force when it is in force today for at least one of its weapon types: the one
 * definition in licence-in-force.ts, applied to each type the licence lists.
 */
const DISTRICT_SUMMARY_SQL = `
  WITH today AS (SELECT (now() AT TIME ZONE 'America/Panama')::date AS day),
  weapon_counts AS (
    SELECT district,
           count(*)::int AS total,
           count(*) FILTER (WHERE status = 'active')::int AS active,
           count(*) FILTER (WHERE status = 'lost')::int AS lost,
           count(*) FILTER (WHERE status = 'stolen')::int AS stolen,
           count(*) FILTER (WHERE status = 'seized')::int AS seized,
           count(*) FILTER (WHERE status = 'in_state_custody')::int AS in_state_custody,
           count(*) FILTER (WHERE status = 'destroyed')::int AS destroyed,
           count(*) FILTER (WHERE status = 'deactivated')::int AS deactivated,
           count(*) FILTER (WHERE status = 'exported')::int AS exported
      FROM weapons WHERE ($1::text IS NULL OR district = $1) GROUP BY district),
  owner_counts AS (
    SELECT district, count(*)::int AS owners FROM owners WHERE ($1::text IS NULL OR district = $1) GROUP BY district),
  licence_counts AS (
    SELECT o.district, count(*)::int AS licences
      FROM licences l JOIN owners o ON o.id = l.owner_id, today
     WHERE ($1::text IS NULL OR o.district = $1)
       AND EXISTS (SELECT 1 FROM unnest(l.weapon_types) AS t(type) WHERE ${licenceInForceSql('l', 't.type', 'today.day')})
     GROUP BY o.district)
  SELECT d.code, d.name, p.name AS province,
         coalesce(w.total, 0) AS total, coalesce(w.active, 0) AS active, coalesce(w.lost, 0) AS lost,
         coalesce(w.stolen, 0) AS stolen, coalesce(w.seized, 0) AS seized,
         coalesce(w.in_state_custody, 0) AS in_state_custody, coalesce(w.destroyed, 0) AS destroyed,
         coalesce(w.deactivated, 0) AS deactivated, coalesce(w.exported, 0) AS exported,
         coalesce(oc.owners, 0) AS owners, coalesce(lc.licences, 0) AS licences
    FROM districts d
    JOIN provinces p ON p.code = d.province_code
    LEFT JOIN weapon_counts w ON w.district = d.code
    LEFT JOIN owner_counts oc ON oc.district = d.code
    LEFT JOIN licence_counts lc ON lc.district = d.code
   WHERE ($1::text IS NULL OR d.code = $1)
   ORDER BY d.province_code::int, d.code`;

const param = (params: Record<string, unknown>, name: string): string | null =>
  typeof params[name] === 'string' ? (params[name] as string) : null;

export function reportSource(kind: TabularReportKind, params: Record<string, unknown>): ReportSource {
  switch (kind) {
    case ReportKind.StolenWeapons:
      return {
        sql: STOLEN_WEAPONS_SQL,
        values: [param(params, 'district'), param(params, 'since'), param(params, 'until')],
        map: (row) => ({
          registryNumber: text(row.registry_number),
          status: text(row.status),
          make: text(row.make),
          model: text(row.model),
          type: text(row.type),
          calibre: text(row.calibre),
          serialNumber: text(row.serial_number),
          holderName: text(row.holder_name),
          holderDocument: `${String(row.id_kind)} ${String(row.id_number)}`,
          district: text(row.district),
          districtName: text(row.district_name),
          reportedAs: text(row.reported_as),
          reportedAt: iso(row.reported_at),
          reportedPlace: text(row.reported_place),
        }),
      };
    case ReportKind.DistrictSummary:
      return {
        sql: DISTRICT_SUMMARY_SQL,
        values: [param(params, 'district')],
        map: (row) => ({
          district: text(row.code),
          districtName: text(row.name),
          province: text(row.province),
          weaponsTotal: int(row.total),
          active: int(row.active),
          lost: int(row.lost),
          stolen: int(row.stolen),
          seized: int(row.seized),
          inStateCustody: int(row.in_state_custody),
          destroyed: int(row.destroyed),
          deactivated: int(row.deactivated),
          exported: int(row.exported),
          owners: int(row.owners),
          licencesInForce: int(row.licences),
        }),
      };
    case ReportKind.TraceRequests:
      return {
        sql: TRACE_REQUESTS_REPORT_SQL,
        values: [param(params, 'from'), param(params, 'to'), param(params, 'status'), param(params, 'caseNumber')],
        map: (row) => ({
          caseNumber: text(row.case_number),
          requestingAgency: text(row.requesting_agency),
          crimeType: text(row.crime_type),
          serialSearched: text(row.serial_searched),
          status: text(row.status),
          outcome: text(row.outcome),
          candidates: row.candidates === null ? null : int(row.candidates),
          tracedRegistryNumber: text(row.traced_registry_number),
          requestedBy: text(row.requested_by_username),
          createdAt: iso(row.created_at),
          completedAt: iso(row.completed_at),
        }),
      };
    case ReportKind.DestructionCertificate:
      return destructionCertificateSource(params);
    case ReportKind.Sdg16_4_2:
      return sdgSource(params);
    case ReportKind.Iafq:
      return iafqSource(params);
    default: {
      const unknown: never = kind;
      throw new Error(`no source for report kind ${String(unknown)}`);
    }
  }
}
