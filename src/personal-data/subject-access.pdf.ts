import { type Column, type ReportRow } from '../reports/report-kinds';
import { type SubjectAccessRecord } from './subject-access.service';

/** The PDF writer's part this document uses (reports' PdfReportWriter). */
export interface PdfSections {
  heading(text: string): void;
  note(text: string): void;
  startTable(columns: readonly Column[]): void;
  row(row: ReportRow): void;
  endTable(): void;
}

const col = (key: string, heading: string, width: number): Column => ({ key, heading, type: 'text', width });
const FIELDS = [col('field', 'Dato', 1), col('value', 'Valor', 2.5)];
const cell = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function table(pdf: PdfSections, title: string, columns: Column[], rows: Array<Record<string, unknown>>, empty: string): void {
  pdf.heading(title);
  if (rows.length === 0) {
    pdf.note(empty);
    return;
  }
  pdf.startTable(columns);
  for (const row of rows) pdf.row(Object.fromEntries(columns.map((column) => [column.key, cell(row[column.key])])));
  pdf.endTable();
}

/** The subject-access report as a PDF, in Spanish: who the person is and what was done with their data. */
export function writeSubjectAccessPdf(pdf: PdfSections, record: SubjectAccessRecord): void {
  const person = record.identity;
  pdf.heading('Identidad');
  pdf.startTable(FIELDS);
  const identity: Array<[string, unknown]> = [
    ['Nombre', person.name],
    ['Tipo', person.type],
    ['Documento', `${person.idDocument.kind} ${person.idDocument.number}`],
    ['Fecha de nacimiento', person.birthDate],
    ['Nacionalidad', person.nationality],
    ['Dirección', `${person.address.line} (distrito ${person.address.district})`],
    ['Teléfono', person.phone],
    ['Correo', person.email],
    ['Estado', person.status],
  ];
  for (const [field, value] of identity) pdf.row({ field, value: cell(value) });
  pdf.endTable();
  table(pdf, 'Licencias', [col('kind', 'Tipo', 1), col('number', 'Número', 1.2), col('issuedAt', 'Emitida', 1), col('expiresAt', 'Vence', 1), col('status', 'Estado', 0.8)], record.licences as unknown as Array<Record<string, unknown>>, 'Ninguna licencia.');
  table(
    pdf,
    'Evidencias',
    [col('kind', 'Tipo', 1.4), col('reference', 'Referencia', 1.2), col('issuedAt', 'Emitida', 0.9), col('validUntil', 'Válida hasta', 0.9)],
    record.evidence as unknown as Array<Record<string, unknown>>,
    'El registro no guarda evidencias de esta persona.',
  );
  table(
    pdf,
    'Armas en su poder y que tuvo',
    [col('registryNumber', 'N.º de registro', 1.3), col('make', 'Marca', 1), col('model', 'Modelo', 1), col('serialNumber', 'Serie', 1.1), col('status', 'Estado', 0.8), col('heldNow', 'En su poder', 0.7)],
    record.weapons.map((weapon) => ({ ...weapon, heldNow: weapon.heldNow ? 'sí' : 'no' })),
    'Ninguna arma.',
  );
  table(pdf, 'Traspasos', [col('date', 'Fecha', 0.9), col('kind', 'Tipo', 0.9), col('weaponId', 'Arma', 2), col('documentRef', 'Documento', 1)], record.transfers, 'Ningún traspaso.');
  table(pdf, 'Alertas', [col('raisedAt', 'Fecha', 1.3), col('source', 'Origen', 1), col('status', 'Estado', 0.8), col('weaponId', 'Arma', 2)], record.alerts, 'Ninguna alerta.');
  table(
    pdf,
    'Registro de accesos',
    [col('at', 'Fecha', 1.3), col('actor', 'Usuario', 1.1), col('action', 'Acción', 1), col('purpose', 'Finalidad', 1.6), col('requestId', 'Solicitud', 1.4)],
    record.accessLog.map((entry) => ({ ...entry, actor: `${entry.actor.username} (${entry.actor.roles.join(', ')})` })),
    'Ningún acceso registrado.',
  );
}
