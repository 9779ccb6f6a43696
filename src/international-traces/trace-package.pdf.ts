import { countryName, displayName, type DisplayKind } from '../i18n/display-names';
import type { Language } from '../i18n/language';
import { createPdfDocument, finishPages, pageLabel, PDF_FONTS, pdfSafe } from '../reports/pdf/pdf-document';
import { formatTime } from '../reports/report-texts';
import type { TracePackage } from './trace-package';

const MARGIN = 40;
const GUTTER = 16;
const FONT_SIZE = 8.5;

/** One line of the document in both languages: Spanish on the left, English on the right. */
type Pair = Record<Language, string>;

const both = (es: string, en: string): Pair => ({ es, en });
const same = (text: string): Pair => ({ es: text, en: text });
const when = (value: string | null | undefined): Pair =>
  value ? { es: formatTime(new Date(value), 'es'), en: formatTime(new Date(value), 'en') } : same('—');
const named = (kind: DisplayKind, code: string | null | undefined): Pair => ({
  es: displayName(kind, code, 'es') || '—',
  en: displayName(kind, code, 'en') || '—',
});
const country = (code: string | null | undefined): Pair => ({ es: countryName(code, 'es') || '—', en: countryName(code, 'en') || '—' });

/**
 * A trace package as a PDF an official can send and file: every line in Spanish and English
 * side by side, the request's references, the package's sha256 and the audit head it was
 * prepared at, and "Página N de M / Page N of M" on every page, in the registry's embedded fonts.
 */
export function tracePackagePdf(pack: TracePackage, sha256: string, districtNames: ReadonlyMap<string, string>): Promise<Buffer> {
  const doc = createPdfDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    info: { Title: `ITI ${pack.trace.agencyReference}`, Author: 'Registro Nacional de Armas de Fuego', Subject: `international_trace ${pack.trace.id}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const column = (doc.page.width - 2 * MARGIN - GUTTER) / 2;
  let y = MARGIN;

  // A hash is shown whole on one line of its column: its size is what makes its 64 digits fit.
  const hashSize = (hash: string): number => {
    doc.font(PDF_FONTS.regular).fontSize(10);
    return Math.min(6.5, Math.floor((10 * column * 0.98) / doc.widthOfString(hash) * 10) / 10);
  };
  const line = (pair: Pair, options: { bold?: boolean; size?: number } = {}): void => {
    doc.font(options.bold ? PDF_FONTS.bold : PDF_FONTS.regular).fontSize(options.size ?? FONT_SIZE);
    const es = pdfSafe(pair.es);
    const en = pdfSafe(pair.en);
    const height = Math.max(doc.heightOfString(es, { width: column }), doc.heightOfString(en, { width: column }));
    if (y + height > doc.page.height - MARGIN - 14) {
      doc.addPage();
      y = MARGIN;
    }
    doc.text(es, MARGIN, y, { width: column });
    doc.text(en, MARGIN + column + GUTTER, y, { width: column });
    y += height + 2;
  };
  const field = (label: Pair, value: Pair | string | number | null | undefined): void => {
    const shown: Pair = value !== null && typeof value === 'object' ? value : same(value === null || value === undefined || value === '' ? '—' : String(value));
    line({ es: `${label.es}: ${shown.es}`, en: `${label.en}: ${shown.en}` });
  };
  const heading = (pair: Pair): void => {
    y += 6;
    line(pair, { bold: true, size: 10 });
  };

  line(both('República de Panamá — Ministerio de Seguridad Pública', 'Republic of Panama — Ministry of Public Security'), { bold: true });
  line(both('Registro Nacional de Armas de Fuego', 'National Firearms Registry'));
  const incoming = pack.trace.direction === 'incoming';
  line(
    incoming
      ? both('Respuesta a solicitud de rastreo internacional (Instrumento Internacional de Rastreo)', 'Response to an international tracing request (International Tracing Instrument)')
      : both('Solicitud de rastreo internacional (Instrumento Internacional de Rastreo)', 'International tracing request (International Tracing Instrument)'),
    { bold: true, size: 12 },
  );
  if (pack.handling.confidential) line(both('CONFIDENCIAL', 'CONFIDENTIAL'), { bold: true, size: 11 });
  if (pack.handling.noOnwardSharing) line(both('PROHIBIDA SU COMUNICACIÓN A TERCEROS', 'NO ONWARD SHARING'), { bold: true });
  if (pack.handling.purposeOnly) field(both('Uso exclusivo para', 'For use only in'), pack.handling.purposeOnly);

  heading(both('Referencias de la solicitud', 'Request references'));
  field(both(incoming ? 'Estado requirente' : 'Estado requerido', incoming ? 'Requesting state' : 'Requested state'), country(pack.trace.state));
  field(both('Referencia de la agencia', 'Agency reference'), pack.trace.agencyReference);
  field(both('Expediente', 'File'), pack.trace.id);
  field(both(incoming ? 'Recibida' : 'Enviada', incoming ? 'Received' : 'Sent'), when(pack.trace.receivedAt));
  field(both('Vence', 'Due'), when(pack.trace.dueAt));
  field(both('Circunstancias', 'Circumstances'), pack.trace.circumstances);
  const asked = pack.trace.marking as Record<string, string | null>;
  field(both('Marcaje consultado', 'Marking asked about'), [asked.make, asked.model, asked.serialNumber].filter(Boolean).join(' · '));

  if (pack.search) {
    heading(both('Búsqueda en el registro', 'Registry search'));
    field(both('Resultado', 'Outcome'), named('traceOutcome', pack.search.outcome));
    for (const candidate of pack.search.candidates) field(both('Candidata', 'Candidate'), `${candidate.registryNumber} (${candidate.match}, ${candidate.score})`);
  }

  const weapon = pack.weapon;
  if (weapon) {
    heading(both('Registro', 'Registration'));
    field(both('Número de registro', 'Registry number'), weapon.registration.registryNumber);
    field(both('Registrada', 'Registered'), when(weapon.registration.registeredAt));
    field(both('Estado', 'Status'), named('weaponStatus', weapon.registration.status));
    heading(both('Marcaje', 'Marking'));
    field(both('Marca', 'Make'), weapon.marking.make);
    field(both('Modelo', 'Model'), weapon.marking.model);
    field(both('Tipo', 'Type'), named('weaponType', weapon.marking.type));
    field(both('Calibre', 'Calibre'), weapon.marking.calibre);
    field(both('Número de serie', 'Serial number'), weapon.marking.serialNumber);
    field(both('País de fabricación', 'Country of manufacture'), country(weapon.marking.countryOfManufacture));
    field(both('Año de fabricación', 'Year of manufacture'), weapon.marking.yearOfManufacture);
    const im = weapon.marking.importMarking;
    field(both('Marcaje de importación', 'Import marking'), im ? [im.country, im.year, im.exemptionRef].filter((part) => part !== undefined).join(' ') : null);
    field(both('Otros marcajes', 'Other markings'), weapon.marking.otherMarkings);
    heading(both('Importación y exportación', 'Import and export'));
    const acquired = named('acquisitionKind', weapon.acquisition.kind);
    const acquisition = `${weapon.acquisition.date} ${weapon.acquisition.documentRef ?? ''}`.trim();
    field(both('Adquisición', 'Acquisition'), { es: `${acquired.es}, ${acquisition}`, en: `${acquired.en}, ${acquisition}` });
    field(both('Registro de importación', 'Import record'), weapon.importRecord ? `${weapon.importRecord.date} ${weapon.importRecord.documentRef ?? ''}`.trim() : null);
    for (const record of weapon.exportRecords) field(both('Exportación', 'Export'), `${record.date} (${record.transferId})`);
    heading(both('Transferencias', 'Transfers'));
    if (weapon.transfers.length === 0) line(both('Ninguna', 'None'));
    for (const transfer of weapon.transfers) field(same(transfer.date), named('transferKind', transfer.kind));
    heading(both('Tenedores', 'Holders'));
    if (weapon.holders === null) {
      line(both('Datos personales retenidos según las restricciones de la solicitud.', 'Personal data withheld under the restrictions of the request.'));
    } else {
      for (const holder of weapon.holders) {
        const document = named('idDocumentKind', holder.idDocument.kind);
        const person = (language: Language): string => `${holder.name}, ${document[language]} ${holder.idDocument.number}, ${districtNames.get(holder.district) ?? holder.district}`;
        field(same(`${holder.from} — ${holder.to ?? '…'}`), { es: person('es'), en: person('en') });
      }
    }
    heading(both('Historial de estado', 'Status history'));
    for (const event of weapon.statusHistory) {
      const kind = named('weaponEvent', event.kind);
      const from = named('weaponStatus', event.fromStatus);
      const to = named('weaponStatus', event.toStatus);
      field(when(event.occurredAt), { es: `${kind.es}: ${from.es} -> ${to.es}`, en: `${kind.en}: ${from.en} -> ${to.en}` });
    }
    if (weapon.recoveries.length > 0) {
      heading(both('Recuperaciones', 'Recoveries'));
      for (const recovery of weapon.recoveries) {
        const kind = named('recoveryKind', recovery.kind);
        field(same(recovery.date), { es: `${kind.es}, ${recovery.agency}, ${recovery.caseNumber ?? '—'}`, en: `${kind.en}, ${recovery.agency}, ${recovery.caseNumber ?? '—'}` });
      }
    }
  }

  heading(both('Integridad', 'Integrity'));
  field(both('Preparado', 'Prepared'), when(pack.preparedAt));
  // Each hash on a line of its own, in a size where 64 hex digits fit one column unbroken.
  line(both('Resumen SHA-256 del paquete:', 'Package SHA-256 digest:'));
  line(same(sha256), { size: hashSize(sha256) });
  line(both(`Cabeza del registro de auditoría: seq ${pack.auditHead.seq}`, `Audit log head: seq ${pack.auditHead.seq}`));
  line(same(pack.auditHead.hash), { size: hashSize(pack.auditHead.hash) });

  // The Spanish page label at the right (finishPages), its English twin under the English column.
  finishPages(doc, 'es', {
    footer: (page, n, pages) => {
      page.font(PDF_FONTS.regular).fontSize(7.5).text(pageLabel(n, pages, 'en'), MARGIN, page.page.height - 28, { width: column, lineBreak: false });
    },
  });
  doc.end();
  return done;
}
