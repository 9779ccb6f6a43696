import { DESTRUCTION_CERTIFICATE_COLUMNS, IAFQ_COLUMNS, SDG_COLUMNS } from './recovery-report-columns';
import { col, type Column } from './report-columns';
import type { Localized } from './report-texts';

/** What a report is about; each kind has its own params and its own rows. */
export enum ReportKind {
  WeaponTrace = 'weapon_trace',
  StolenWeapons = 'stolen_weapons',
  DistrictSummary = 'district_summary',
  TraceRequests = 'trace_requests',
  SubjectAccess = 'subject_access',
  DestructionCertificate = 'destruction_certificate',
  Sdg16_4_2 = 'sdg_16_4_2',
  Iafq = 'iafq',
  HoldingCertificate = 'holding_certificate',
}
export const REPORT_KINDS = Object.values(ReportKind);

export enum ReportFormat {
  Pdf = 'pdf',
  Csv = 'csv',
  Json = 'json',
}
export const REPORT_FORMATS = Object.values(ReportFormat);

export const REPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  [ReportFormat.Pdf]: 'application/pdf',
  [ReportFormat.Csv]: 'text/csv; charset=utf-8',
  [ReportFormat.Json]: 'application/json',
};

/** The title of each kind, in the report's language. */
export const TITLES: Record<ReportKind, Localized> = {
  [ReportKind.WeaponTrace]: { es: 'Informe de rastreo de arma de fuego', en: 'Firearm trace report' },
  [ReportKind.StolenWeapons]: { es: 'Armas de fuego reportadas perdidas o robadas', en: 'Firearms reported lost or stolen' },
  [ReportKind.DistrictSummary]: { es: 'Resumen por distrito', en: 'Summary by district' },
  [ReportKind.TraceRequests]: { es: 'Solicitudes de rastreo', en: 'Trace requests' },
  [ReportKind.SubjectAccess]: {
    es: 'Informe de acceso del titular a sus datos (Ley 81 de 2019)',
    en: 'Subject access report (Law 81 of 2019)',
  },
  [ReportKind.DestructionCertificate]: { es: 'Acta de destrucción de armas de fuego', en: 'Certificate of destruction of firearms' },
  [ReportKind.Sdg16_4_2]: {
    es: 'Indicador ODS 16.4.2: armas recuperadas con origen ilícito establecido',
    en: 'SDG indicator 16.4.2: recovered arms whose illicit origin was established',
  },
  [ReportKind.Iafq]: { es: 'Cuestionario de flujos ilícitos de armas (UNODC)', en: 'Illicit Arms Flows Questionnaire (UNODC)' },
  [ReportKind.HoldingCertificate]: { es: 'Certificado de tenencia de arma de fuego', en: 'Firearm holding certificate' },
};

/** The kinds that describe one record as a document rather than a table of rows. */
export type DocumentReportKind = ReportKind.WeaponTrace | ReportKind.SubjectAccess | ReportKind.HoldingCertificate;
export type TabularReportKind = Exclude<ReportKind, DocumentReportKind>;

export { col, type Cell, type CellDisplay, type Column, type ColumnType, type ReportRow } from './report-columns';

const number = { type: 'number' } as const;

/** Columns of the tabular kinds, in order: the CSV header, the JSON members, the PDF table. */
export const COLUMNS: Record<TabularReportKind, readonly Column[]> = {
  [ReportKind.StolenWeapons]: [
    col('registryNumber', 1.6),
    col('status', 0.8, { display: 'weaponStatus' }),
    col('make', 1),
    col('model', 1),
    col('type', 0.8, { display: 'weaponType' }),
    col('calibre', 0.9),
    col('serialNumber', 1.1),
    col('holderName', 1.4),
    col('holderDocument', 1.2, { display: 'idDocument' }),
    col('district', 1, { display: 'district' }),
    col('districtName', 1.1, { pdf: false }),
    col('reportedAs', 1, { display: 'weaponEvent' }),
    col('reportedAt', 1.1, { type: 'timestamp' }),
    col('reportedPlace', 1.2, { heading: 'place' }),
  ],
  [ReportKind.DistrictSummary]: [
    col('district', 0.7, { pdf: false }),
    col('districtName', 1.6, { heading: 'district' }),
    col('province', 1.4),
    col('weaponsTotal', 0.7, number),
    col('active', 0.7, number),
    col('lost', 0.8, number),
    col('stolen', 0.7, number),
    col('seized', 0.8, number),
    col('inStateCustody', 0.9, number),
    col('destroyed', 0.8, number),
    col('deactivated', 0.8, number),
    col('exported', 0.8, number),
    col('owners', 0.9, number),
    col('licencesInForce', 0.9, number),
  ],
  [ReportKind.TraceRequests]: [
    col('caseNumber', 1.2),
    col('requestingAgency', 1.6),
    col('crimeType', 0.9),
    col('serialSearched', 1),
    col('status', 0.8, { display: 'traceRequestStatus' }),
    col('outcome', 1, { display: 'traceOutcome' }),
    col('candidates', 0.7, number),
    col('tracedRegistryNumber', 1.2),
    col('requestedBy', 1),
    col('createdAt', 1.1, { type: 'timestamp' }),
    col('completedAt', 1.1, { type: 'timestamp' }),
  ],
  [ReportKind.DestructionCertificate]: DESTRUCTION_CERTIFICATE_COLUMNS,
  [ReportKind.Sdg16_4_2]: SDG_COLUMNS,
  [ReportKind.Iafq]: IAFQ_COLUMNS,
};

/**
 * A trace record as CSV: one row per holding period, event or flag (`section`), each
 * carrying the weapon's markings so that every row stands on its own in a spreadsheet.
 */
export const TRACE_CSV_COLUMNS: readonly Column[] = [
  col('registryNumber', 1),
  col('make', 1),
  col('model', 1),
  col('type', 1),
  col('calibre', 1),
  col('serialNumber', 1),
  col('serialNormalized', 1),
  col('importMarking', 1),
  col('otherMarkings', 1),
  col('section', 1),
  col('position', 1, number),
  col('kind', 1, { heading: 'entryKind' }),
  col('from', 1),
  col('to', 1),
  col('ownerName', 1),
  col('ownerDocument', 1, { heading: 'document' }),
  col('ownerDistrict', 1, { heading: 'district' }),
  col('place', 1),
  col('reference', 1),
  col('notes', 1),
];

/** Letters, digits and dashes only: safe in a Content-Disposition header on every client. */
function fileNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * `<kind>[-<subject>]-<day>.<format>`, e.g. `weapon-trace-PA-2026-0000123-2026-11-28.pdf`:
 * the subject is the weapon, the district or the case the params name, the day is Panama's.
 */
export function reportFileName(kind: ReportKind, format: ReportFormat, params: Record<string, unknown>, day: string): string {
  const subject =
    kind === ReportKind.WeaponTrace
      ? params.registryNumber
      : kind === ReportKind.TraceRequests
        ? params.caseNumber
        : kind === ReportKind.HoldingCertificate
          ? params.number
          : params.district;
  const parts = [kind.replace(/_/g, '-'), typeof subject === 'string' ? fileNamePart(subject) : '', day].filter((part) => part !== '');
  return `${parts.join('-')}.${format}`;
}
