import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import type { ReportRow } from './report-kinds';
import { DAY_FORMAT } from '../common/dates';

/**
 * The report kinds of recoveries and public-policy statistics: their params, columns and
 * set-based sources, plugged into the report builder's tables (report-kinds, report-params,
 * report-sources) one line each.
 */


/** params of `destruction_certificate`. */
export class DestructionCertificateParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The destruction batch (POST /destruction-batches)' })
  @IsUUID('all', { message: 'batchId must be a UUID' })
  batchId: string;
}

/** params of `sdg_16_4_2`. */
export class SdgReportParamsDto {
  @ApiProperty({ format: 'date' })
  @Matches(DAY_FORMAT, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date' })
  @Matches(DAY_FORMAT, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}

/** params of `iafq`: the UNODC Illicit Arms Flows Questionnaire of a year. */
export class IafqParamsDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year: number;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export interface RecoveryReportSource {
  sql: string;
  values: unknown[];
  map: (row: Record<string, unknown>) => ReportRow;
}

export function destructionCertificateSource(params: Record<string, unknown>): RecoveryReportSource {
  return {
    sql: `
      SELECT b.acta_ref, to_char(b.date, 'YYYY-MM-DD') AS date, b.place, b.method,
             (SELECT string_agg(x, '; ') FROM jsonb_array_elements_text(b.witnesses) AS x) AS witnesses,
             w.registry_number, w.make, w.model, w.type, w.calibre, w.serial_number
        FROM destruction_batches b
        JOIN destruction_batch_weapons bw ON bw.batch_id = b.id
        JOIN weapons w ON w.id = bw.weapon_id
       WHERE b.id = $1
       ORDER BY w.registry_number`,
    values: [params.batchId],
    map: (row) => ({
      actaRef: text(row.acta_ref),
      date: text(row.date),
      place: text(row.place),
      method: text(row.method),
      witnesses: text(row.witnesses),
      registryNumber: text(row.registry_number),
      make: text(row.make),
      model: text(row.model),
      type: text(row.type),
      calibre: text(row.calibre),
      serialNumber: text(row.serial_number),
    }),
  };
}

export function sdgSource(params: Record<string, unknown>): RecoveryReportSource {
  return {
    sql: `
      SELECT i.district, d.name AS district_name, i.kind, count(*)::int AS total, count(t.id)::int AS established
        FROM recovery_items i
        JOIN districts d ON d.code = i.district
        LEFT JOIN trace_requests t ON t.id = i.trace_request_id AND (t.illicit_origin ->> 'established') = 'true'
       WHERE i.date BETWEEN $1::date AND $2::date
       GROUP BY i.district, d.name, i.kind
       ORDER BY i.district, i.kind`,
    values: [params.from, params.to],
    map: (row) => ({
      district: text(row.district),
      districtName: text(row.district_name),
      kind: text(row.kind),
      seizedFoundSurrendered: Number(row.total),
      originEstablished: Number(row.established),
    }),
  };
}

/** Every recovery item of the year, then the ammunition recovered per calibre (section `ammunition`). */
export function iafqSource(params: Record<string, unknown>): RecoveryReportSource {
  return {
    sql: `
      SELECT 'item' AS section, to_char(i.date, 'YYYY-MM-DD') AS date, i.district, i.kind, r.legal_basis, i.type,
             coalesce(i.make, w.make) AS make, coalesce(i.model, w.model) AS model, coalesce(i.calibre, w.calibre) AS calibre,
             w.serial_number, coalesce(i.country_of_manufacture, w.country_of_manufacture) AS country_of_manufacture,
             coalesce(i.import_marking ->> 'country', w.import_marking ->> 'country') AS country_of_last_import,
             r.case_number, 'domestic' AS trace, t.status = 'completed' AS answered,
             t.illicit_origin ->> 'established' AS established, t.illicit_origin ->> 'diversionPoint' AS diversion_point,
             NULL::int AS rounds
        FROM recovery_items i
        JOIN recoveries r ON r.id = i.recovery_id
        JOIN weapons w ON w.id = i.weapon_id
        JOIN trace_requests t ON t.id = i.trace_request_id
       WHERE i.date >= make_date($1::int, 1, 1) AND i.date < make_date($1::int + 1, 1, 1)
      UNION ALL
      SELECT 'ammunition', NULL, NULL, NULL, NULL, NULL, NULL, NULL, a.calibre, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             sum(a.rounds)::int
        FROM recoveries r CROSS JOIN jsonb_to_recordset(r.ammunition) AS a(calibre text, rounds int)
       WHERE r.date >= make_date($1::int, 1, 1) AND r.date < make_date($1::int + 1, 1, 1)
       GROUP BY a.calibre
      ORDER BY 1 DESC, 2, 3`,
    values: [params.year],
    map: (row) => ({
      section: text(row.section),
      date: text(row.date),
      district: text(row.district),
      kind: text(row.kind),
      legalBasis: text(row.legal_basis),
      type: text(row.type),
      make: text(row.make),
      model: text(row.model),
      calibre: text(row.calibre),
      serialNumber: text(row.serial_number),
      countryOfManufacture: text(row.country_of_manufacture),
      countryOfLastImport: text(row.country_of_last_import),
      caseNumber: text(row.case_number),
      trace: text(row.trace),
      traceAnswered: row.answered === null || row.answered === undefined ? null : row.answered ? 'yes' : 'no',
      originEstablished: row.established === null || row.established === undefined ? null : row.established === 'true' ? 'yes' : 'no',
      diversionPoint: text(row.diversion_point),
      rounds: row.rounds === null || row.rounds === undefined ? null : Number(row.rounds),
    }),
  };
}
