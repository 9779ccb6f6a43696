import type { TraceRecordDto } from '../trace/trace.dto';
import { type Column, panamaTime, type ReportRow, TRACE_CSV_COLUMNS } from './report-kinds';
import type { PdfReportWriter } from './report-pdf.writer';

const col = (key: string, heading: string, width: number, type: Column['type'] = 'text'): Column => ({ key, heading, type, width });

const MARKING_COLUMNS: readonly Column[] = [col('field', 'Dato', 1), col('value', 'Valor', 2.6)];
const CUSTODY_COLUMNS: readonly Column[] = [
  col('position', 'N.º', 0.35, 'number'),
  col('ownerName', 'Titular', 1.8),
  col('ownerDocument', 'Documento', 1.3),
  col('ownerDistrict', 'Distrito', 0.7),
  col('from', 'Desde', 0.9, 'date'),
  col('to', 'Hasta', 0.9, 'date'),
  col('kind', 'Inicio', 1),
];
const EVENT_COLUMNS: readonly Column[] = [
  col('from', 'Fecha', 1.1, 'timestamp'),
  col('kind', 'Evento', 1.1),
  col('status', 'Estado', 1.3),
  col('place', 'Lugar', 1.3),
  col('reference', 'Referencia', 1),
  col('notes', 'Notas', 1.6),
];

function document(idDocument: { kind: string; number: string }): string {
  return `${idDocument.kind} ${idDocument.number}`;
}

function importMarking(record: TraceRecordDto): string | null {
  const marking = record.weapon.importMarking;
  if (!marking) return null;
  return [marking.country, marking.year, marking.exemptionRef ? `exención ${marking.exemptionRef}` : undefined]
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

/** The trace record laid out for print: markings, status and holder, custody chain, events, flags. */
export function writeTracePdf(pdf: PdfReportWriter, record: TraceRecordDto): void {
  const weapon = record.weapon;
  pdf.heading('Identificación del arma');
  pdf.startTable(MARKING_COLUMNS);
  const markings: Array<[string, string | number | null]> = [
    ['N.º de registro', weapon.registryNumber],
    ['Marca', weapon.make],
    ['Modelo', weapon.model],
    ['Tipo', weapon.type],
    ['Calibre', weapon.calibre],
    ['Número de serie', weapon.serialNumber],
    ['Serie normalizada', weapon.serialNormalized],
    ['Estado de la serie', weapon.serialStatus],
    ['País de fabricación', weapon.countryOfManufacture],
    ['Año de fabricación', weapon.yearOfManufacture],
    ['Marca de importación', importMarking(record)],
    ['Otras marcas', weapon.otherMarkings],
    ['Estado del arma', record.status],
    ['Distrito', weapon.district],
    ['Registrada', `${panamaTime(new Date(weapon.registeredAt))} (hora de Panamá)`],
  ];
  for (const [field, value] of markings) pdf.row({ field, value: value === null ? null : String(value) });
  pdf.endTable();

  pdf.heading('Titular actual');
  if (record.holder) {
    const holder = record.holder;
    pdf.startTable(MARKING_COLUMNS);
    pdf.row({ field: 'Nombre', value: holder.name });
    pdf.row({ field: 'Documento', value: document(holder.idDocument) });
    pdf.row({ field: 'Distrito', value: holder.district });
    pdf.row({ field: 'Tipo / estado', value: `${holder.type} / ${holder.status}` });
    pdf.endTable();
  } else {
    pdf.note('Sin titular en el país: el arma fue exportada.');
  }

  pdf.heading('Cadena de custodia');
  pdf.startTable(CUSTODY_COLUMNS);
  record.custody.forEach((period, index) =>
    pdf.row({
      position: index + 1,
      ownerName: period.owner.name,
      ownerDocument: document(period.owner.idDocument),
      ownerDistrict: period.owner.district,
      from: period.from,
      to: period.to ?? 'actual',
      kind: period.via.kind,
    }),
  );
  pdf.endTable();

  pdf.heading('Eventos');
  if (record.events.length === 0) pdf.note('Ningún evento registrado.');
  else {
    pdf.startTable(EVENT_COLUMNS);
    for (const event of record.events) {
      pdf.row({
        from: event.occurredAt,
        kind: event.kind,
        status: `de ${event.fromStatus} a ${event.toStatus}`,
        place: event.place,
        reference: event.reference,
        notes: event.notes,
      });
    }
    pdf.endTable();
  }

  pdf.heading('Indicadores');
  if (record.flags.length === 0) pdf.note('Ninguno.');
  else {
    pdf.startTable([col('flag', 'Indicador', 1)]);
    for (const flag of record.flags) pdf.row({ flag });
    pdf.endTable();
  }
}
