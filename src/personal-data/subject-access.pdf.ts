import { countryName, displayName } from '../i18n/display-names';
import { type CellContext, districtName, named } from '../reports/report-cells';
import { col, type Column, type ReportRow } from '../reports/report-kinds';
import { formatDay, type ReportTexts } from '../reports/report-texts';
import { type SubjectAccessRecord } from './subject-access.service';

/** The PDF writer's part this document uses (reports' PdfReportWriter). */
export interface PdfSections {
  readonly texts: ReportTexts;
  readonly cellContext: CellContext;
  heading(text: string): void;
  note(text: string): void;
  startTable(columns: readonly Column[]): void;
  row(row: ReportRow): void;
  endTable(): void;
}

const FIELDS = [col('field', 1), col('value', 2.5)];
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

/** The subject-access report as a PDF, in the report's language: who the person is and what was done with their data. */
export function writeSubjectAccessPdf(pdf: PdfSections, record: SubjectAccessRecord): void {
  const context = pdf.cellContext;
  const { language } = context;
  const label = pdf.texts.subject;
  const person = record.identity;
  pdf.heading(label.identity);
  pdf.startTable(FIELDS);
  const identity: Array<[string, unknown]> = [
    [label.name, person.name],
    [label.type, displayName('ownerType', person.type, language)],
    [label.document, named(`${person.idDocument.kind} ${person.idDocument.number}`, 'idDocument', context)],
    [label.birthDate, person.birthDate ? formatDay(person.birthDate, language) : null],
    [label.nationality, person.nationality ? countryName(person.nationality, language) : null],
    [label.address, `${person.address.line} (${districtName(person.address.district, context)})`],
    [label.phone, person.phone],
    [label.email, person.email],
    [label.status, displayName('ownerStatus', person.status, language)],
  ];
  for (const [field, value] of identity) pdf.row({ field, value: cell(value) });
  pdf.endTable();
  table(
    pdf,
    label.licences,
    [
      col('kind', 1, { heading: 'type', display: 'licenceKind' }),
      col('number', 1.2),
      col('issuedAt', 1, { type: 'date' }),
      col('expiresAt', 1, { type: 'date' }),
      col('status', 0.8, { display: 'licenceStatus' }),
    ],
    record.licences as unknown as Array<Record<string, unknown>>,
    label.noLicences,
  );
  table(
    pdf,
    label.evidence,
    [col('kind', 1.4, { heading: 'type', display: 'evidenceKind' }), col('reference', 1.2), col('issuedAt', 0.9, { type: 'date' }), col('validUntil', 0.9, { type: 'date' })],
    record.evidence as unknown as Array<Record<string, unknown>>,
    label.noEvidence,
  );
  table(
    pdf,
    label.weapons,
    [
      col('registryNumber', 1.3),
      col('make', 1),
      col('model', 1),
      col('serialNumber', 1.1),
      col('status', 0.8, { display: 'weaponStatus' }),
      col('heldNow', 0.7, { display: 'yesNo' }),
    ],
    record.weapons.map((weapon) => ({ ...weapon, heldNow: weapon.heldNow ? 'yes' : 'no' })),
    label.noWeapons,
  );
  table(
    pdf,
    label.transfers,
    [col('date', 0.9, { type: 'date' }), col('kind', 0.9, { heading: 'type', display: 'transferKind' }), col('weaponId', 2, { heading: 'weapon' }), col('documentRef', 1, { heading: 'document' })],
    record.transfers,
    label.noTransfers,
  );
  table(
    pdf,
    label.alerts,
    [col('raisedAt', 1.3, { type: 'timestamp' }), col('source', 1, { display: 'alertSource' }), col('status', 0.8, { display: 'alertStatus' }), col('weaponId', 2, { heading: 'weapon' })],
    record.alerts,
    label.noAlerts,
  );
  table(
    pdf,
    label.accessLog,
    [col('at', 1.3, { type: 'timestamp' }), col('actor', 1.1), col('action', 1), col('purpose', 1.6), col('requestId', 1.4)],
    record.accessLog.map((entry) => ({ ...entry, actor: `${entry.actor.username} (${entry.actor.roles.join(', ')})` })),
    label.noAccess,
  );
}
