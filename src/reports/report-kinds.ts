import { DESTRUCTION_CERTIFICATE_COLUMNS, IAFQ_COLUMNS, SDG_COLUMNS } from './recovery-report-columns';

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

/** The title printed on the PDF (the ministry reads Spanish). */
export const TITLES: Record<ReportKind, string> = {
  [ReportKind.WeaponTrace]: 'Informe de rastreo de arma de fuego',
  [ReportKind.StolenWeapons]: 'Armas de fuego reportadas perdidas o robadas',
  [ReportKind.DistrictSummary]: 'Resumen por distrito',
  [ReportKind.TraceRequests]: 'Solicitudes de rastreo',
  [ReportKind.SubjectAccess]: 'Informe de acceso del titular a sus datos (Ley 81 de 2019)',
  [ReportKind.DestructionCertificate]: 'Acta de destrucción de armas de fuego',
  [ReportKind.Sdg16_4_2]: 'Indicador ODS 16.4.2: armas recuperadas con origen ilícito establecido',
  [ReportKind.Iafq]: 'Cuestionario de flujos ilícitos de armas (UNODC)',
  [ReportKind.HoldingCertificate]: 'Certificado de tenencia de arma de fuego',
};

/** The kinds that describe one record as a document rather than a table of rows. */
export type DocumentReportKind = ReportKind.WeaponTrace | ReportKind.SubjectAccess | ReportKind.HoldingCertificate;
export type TabularReportKind = Exclude<ReportKind, DocumentReportKind>;

/** How a value is shown in a PDF cell; CSV and JSON carry the value as it is. */
export type ColumnType = 'text' | 'number' | 'timestamp' | 'date';

export interface Column {
  /** The CSV header and JSON member: the API's own field names. */
  key: string;
  /** The PDF column heading. */
  heading: string;
  type: ColumnType;
  /** Relative width of the PDF column. */
  width: number;
}

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

const col = (key: string, heading: string, width: number, type: ColumnType = 'text'): Column => ({ key, heading, type, width });

/** Columns of the tabular kinds, in order: the CSV header, the JSON members, the PDF table. */
export const COLUMNS: Record<TabularReportKind, readonly Column[]> = {
  [ReportKind.StolenWeapons]: [
    col('registryNumber', 'N.º de registro', 1.3),
    col('status', 'Estado', 0.7),
    col('make', 'Marca', 1),
    col('model', 'Modelo', 1),
    col('type', 'Tipo', 0.8),
    col('calibre', 'Calibre', 0.9),
    col('serialNumber', 'Serie', 1.1),
    col('holderName', 'Titular', 1.4),
    col('holderDocument', 'Documento', 1.1),
    col('district', 'Distrito', 0.6),
    col('districtName', 'Nombre del distrito', 1.1),
    col('reportedAs', 'Reportada como', 1),
    col('reportedAt', 'Fecha del reporte', 1.1, 'timestamp'),
    col('reportedPlace', 'Lugar', 1.2),
  ],
  [ReportKind.DistrictSummary]: [
    col('district', 'Distrito', 0.7),
    col('districtName', 'Nombre', 1.6),
    col('province', 'Provincia', 1.4),
    col('weaponsTotal', 'Armas', 0.7, 'number'),
    col('active', 'Activas', 0.7, 'number'),
    col('lost', 'Perdidas', 0.7, 'number'),
    col('stolen', 'Robadas', 0.7, 'number'),
    col('seized', 'Incautadas', 0.8, 'number'),
    col('inStateCustody', 'Custodia estatal', 0.8, 'number'),
    col('destroyed', 'Destruidas', 0.8, 'number'),
    col('deactivated', 'Inutilizadas', 0.8, 'number'),
    col('exported', 'Exportadas', 0.8, 'number'),
    col('owners', 'Propietarios', 0.9, 'number'),
    col('licencesInForce', 'Licencias vigentes', 0.9, 'number'),
  ],
  [ReportKind.TraceRequests]: [
    col('caseNumber', 'N.º de caso', 1.2),
    col('requestingAgency', 'Agencia', 1.6),
    col('crimeType', 'Delito', 0.9),
    col('serialSearched', 'Serie buscada', 1),
    col('status', 'Estado', 0.8),
    col('outcome', 'Resultado', 1),
    col('candidates', 'Candidatas', 0.7, 'number'),
    col('tracedRegistryNumber', 'Arma rastreada', 1.2),
    col('requestedBy', 'Solicitante', 1),
    col('createdAt', 'Creada', 1.1, 'timestamp'),
    col('completedAt', 'Completada', 1.1, 'timestamp'),
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
  col('registryNumber', 'N.º de registro', 1),
  col('make', 'Marca', 1),
  col('model', 'Modelo', 1),
  col('type', 'Tipo', 1),
  col('calibre', 'Calibre', 1),
  col('serialNumber', 'Serie', 1),
  col('serialNormalized', 'Serie normalizada', 1),
  col('importMarking', 'Marca de importación', 1),
  col('otherMarkings', 'Otras marcas', 1),
  col('section', 'Sección', 1),
  col('position', 'N.º', 1, 'number'),
  col('kind', 'Tipo de asiento', 1),
  col('from', 'Desde', 1),
  col('to', 'Hasta', 1),
  col('ownerName', 'Titular', 1),
  col('ownerDocument', 'Documento', 1),
  col('ownerDistrict', 'Distrito', 1),
  col('place', 'Lugar', 1),
  col('reference', 'Referencia', 1),
  col('notes', 'Notas', 1),
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

/** The WinAnsi characters beyond Latin-1's printable range that the PDF's built-in fonts can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The PDF uses the built-in Helvetica, which draws WinAnsi only (Spanish included); any
 * other character is shown as "?" rather than as a wrong glyph.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)) out += char;
    else if (char === '\t' || char === '\r') out += ' ';
    else out += '?';
  }
  return out;
}

const PANAMA_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Panama',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:MM` in Panama (UTC−5 all year). */
export function panamaTime(at: Date): string {
  const parts = Object.fromEntries(PANAMA_TIME.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A cell as the PDF shows it. */
export function pdfCell(value: Cell, type: ColumnType): string {
  if (value === null || value === '') return '—';
  if (type === 'timestamp' && typeof value === 'string') {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? pdfSafe(value) : panamaTime(at);
  }
  return pdfSafe(String(value));
}
