import { countryName, displayName } from '../i18n/display-names';
import type { TraceRecordDto } from '../trace/trace.dto';
import { districtName, named } from './report-cells';
import { col, type Column, type ReportRow, TRACE_CSV_COLUMNS } from './report-kinds';
import type { PdfReportWriter } from './report-pdf.writer';
import { formatTime } from './report-texts';

const MARKING_COLUMNS: readonly Column[] = [col('field', 1), col('value', 2.6)];
const CUSTODY_COLUMNS: readonly Column[] = [
  col('position', 0.35, { type: 'number' }),
  col('ownerName', 1.8),
  col('ownerDocument', 1.3, { heading: 'document', display: 'idDocument' }),
  col('ownerDistrict', 0.9, { heading: 'district', display: 'district' }),
  col('from', 0.9, { type: 'date' }),
  col('to', 0.9, { type: 'date' }),
  col('kind', 1, { heading: 'transferKind', display: 'transferKind' }),
];
const EVENT_COLUMNS: readonly Column[] = [
  col('from', 1.1, { heading: 'occurredAt', type: 'timestamp' }),
  col('kind', 1.1, { heading: 'event', display: 'weaponEvent' }),
  col('status', 1.3),
  col('place', 1.3),
  col('reference', 1),
  col('notes', 1.6),
];

function document(idDocument: { kind: string; number: string }): string {
  return `${idDocument.kind} ${idDocument.number}`;
}

/** The import marking as one line; for a PDF, the country named and "exemption" in its language. */
function importMarking(record: TraceRecordDto, pdf?: PdfReportWriter): string | null {
  const marking = record.weapon.importMarking;
  if (!marking) return null;
  const country = pdf ? countryName(marking.country, pdf.cellContext.language) : marking.country;
  const exemption = (ref: string): string => (pdf ? pdf.texts.exemption(ref) : `exención ${ref}`);
  return [country, marking.year, marking.exemptionRef ? exemption(marking.exemptionRef) : undefined]
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join(' ');
}

/** Periods, events and flags: what the report counts as its rows. */
export function traceRowCount(record: TraceRecordDto): number {
  return record.custody.length + record.events.length + record.flags.length;
}

/** The CSV rows of a trace record (TRACE_CSV_COLUMNS): custody periods, then events, then flags. */
export function traceCsvRows(record: TraceRecordDto): ReportRow[] {
  const weapon = record.weapon;
  const base: ReportRow = {
    registryNumber: weapon.registryNumber,
    make: weapon.make,
    model: weapon.model,
    type: weapon.type,
    calibre: weapon.calibre,
    serialNumber: weapon.serialNumber,
    serialNormalized: weapon.serialNormalized,
    importMarking: importMarking(record),
    otherMarkings: weapon.otherMarkings,
  };
  const blank = Object.fromEntries(TRACE_CSV_COLUMNS.map((column) => [column.key, null])) as ReportRow;
  return [
    ...record.custody.map((period, index) => ({
      ...blank,
      ...base,
      section: 'custody',
      position: index + 1,
      kind: period.via.kind,
      from: period.from,
      to: period.to,
      ownerName: period.owner.name,
      ownerDocument: document(period.owner.idDocument),
      ownerDistrict: period.owner.district,
    })),
    ...record.events.map((event, index) => ({
      ...blank,
      ...base,
      section: 'event',
      position: index + 1,
      kind: event.kind,
      from: event.occurredAt,
      place: event.place,
      reference: event.reference,
      notes: event.notes,
    })),
    ...record.flags.map((flag, index) => ({ ...blank, ...base, section: 'flag', position: index + 1, kind: flag })),
  ];
}

/** The trace record laid out for print, in the report's language: markings, status and holder, custody chain, events, flags. */
export function writeTracePdf(pdf: PdfReportWriter, record: TraceRecordDto): void {
  const weapon = record.weapon;
  const context = pdf.cellContext;
  const { language } = context;
  const text = pdf.texts;
  const label = text.trace;
  pdf.heading(label.identification);
  pdf.startTable(MARKING_COLUMNS);
  const markings: Array<[string, string | number | null]> = [
    [label.registryNumber, weapon.registryNumber],
    [label.make, weapon.make],
    [label.model, weapon.model],
    [label.type, displayName('weaponType', weapon.type, language)],
    [label.calibre, weapon.calibre],
    [label.serialNumber, weapon.serialNumber],
    [label.serialNormalized, weapon.serialNormalized],
    [label.serialStatus, displayName('serialStatus', weapon.serialStatus, language)],
    [label.countryOfManufacture, countryName(weapon.countryOfManufacture, language)],
    [label.yearOfManufacture, weapon.yearOfManufacture],
    [label.importMarking, importMarking(record, pdf)],
    [label.otherMarkings, weapon.otherMarkings],
    [label.weaponStatus, displayName('weaponStatus', record.status, language)],
    [label.district, districtName(weapon.district, context)],
    [label.registeredAt, `${formatTime(new Date(weapon.registeredAt), language)} (${text.panamaTime})`],
  ];
  for (const [field, value] of markings) pdf.row({ field, value: value === null || value === '' ? null : String(value) });
  pdf.endTable();

  pdf.heading(label.holderNow);
  if (record.holder) {
    const holder = record.holder;
    pdf.startTable(MARKING_COLUMNS);
    pdf.row({ field: label.name, value: holder.name });
    pdf.row({ field: label.document, value: named(document(holder.idDocument), 'idDocument', context) });
    pdf.row({ field: label.district, value: districtName(holder.district, context) });
    pdf.row({ field: label.typeAndStatus, value: `${displayName('ownerType', holder.type, language)} / ${displayName('ownerStatus', holder.status, language)}` });
    pdf.endTable();
  } else {
    pdf.note(label.noHolder);
  }

  pdf.heading(label.custody);
  pdf.startTable(CUSTODY_COLUMNS);
  record.custody.forEach((period, index) =>
    pdf.row({
      position: index + 1,
      ownerName: period.owner.name,
      ownerDocument: document(period.owner.idDocument),
      ownerDistrict: period.owner.district,
      from: period.from,
      to: period.to ?? text.current,
      kind: period.via.kind,
    }),
  );
  pdf.endTable();

  pdf.heading(label.events);
  if (record.events.length === 0) pdf.note(label.noEvents);
  else {
    pdf.startTable(EVENT_COLUMNS);
    for (const event of record.events) {
      pdf.row({
        from: event.occurredAt,
        kind: event.kind,
        status: text.statusChange(displayName('weaponStatus', event.fromStatus, language), displayName('weaponStatus', event.toStatus, language)),
        place: event.place,
        reference: event.reference,
        notes: event.notes,
      });
    }
    pdf.endTable();
  }

  pdf.heading(label.flags);
  if (record.flags.length === 0) pdf.note(label.noFlags);
  else {
    pdf.startTable([col('flag', 1, { display: 'traceFlag' })]);
    for (const flag of record.flags) pdf.row({ flag });
    pdf.endTable();
  }
}
