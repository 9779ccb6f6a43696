import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { displayName } from '../i18n/display-names';
import type { Language } from '../i18n/language';
import type { CertificateDocument } from '../registry/certificates/holding-certificates.query';
import type { PdfSections } from '../personal-data/subject-access.pdf';
import { col, type Column, type ReportRow } from './report-kinds';
import { formatDay, formatTime } from './report-texts';

/** params of `holding_certificate`. */
export class HoldingCertificateParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The holding certificate (GET /weapons/:id/certificates)' })
  @IsUUID('all')
  certificateId: string;
}

/** The CSV of a certificate: one row, the API's field names. */
export const HOLDING_CERTIFICATE_COLUMNS: readonly Column[] = [
  'number',
  'status',
  'issuedAt',
  'expiresAt',
  'holderName',
  'registryNumber',
  'make',
  'model',
  'type',
  'calibre',
  'serialNumber',
].map((key) => col(key, 1));

export function holdingCertificateRow(certificate: CertificateDocument): ReportRow {
  return {
    number: certificate.number,
    status: certificate.status,
    issuedAt: certificate.issuedAt,
    expiresAt: certificate.expiresAt,
    holderName: certificate.holder.name,
    registryNumber: certificate.weapon.registryNumber,
    make: certificate.weapon.make,
    model: certificate.weapon.model,
    type: certificate.weapon.type,
    calibre: certificate.weapon.calibre,
    serialNumber: certificate.weapon.serialNumber,
  };
}

const TEXT = {
  es: {
    heading: (number: string) => `Certificado N.º ${number}`,
    preamble:
      'Certificado de tenencia expedido por el Registro Nacional de Armas de Fuego conforme a la Ley 57 de 2011 (arts. 31 y 38). ' +
      'Acredita que el arma descrita está registrada a nombre del titular; no sustituye la licencia del titular.',
    fields: ['Dato', 'Valor'],
    number: 'Número de certificado',
    status: 'Estado',
    holder: 'Titular',
    issuedAt: 'Fecha de expedición',
    expiresAt: 'Fecha de vencimiento',
    registryNumber: 'N.º de registro del arma',
    make: 'Marca',
    model: 'Modelo',
    type: 'Tipo',
    calibre: 'Calibre',
    serialNumber: 'Número de serie',
    weaponStatus: 'Estado del arma',
    ended: (status: string, since: string | null) => `Este certificado ya no está vigente (${status}${since ? ` desde ${since}` : ''}).`,
  },
  en: {
    heading: (number: string) => `Certificate No. ${number}`,
    preamble:
      'Holding certificate issued by the National Firearms Registry under Law 57 of 2011 (arts. 31 and 38). ' +
      "It attests that the weapon described is registered to the holder; it does not replace the holder's licence.",
    fields: ['Item', 'Value'],
    number: 'Certificate number',
    status: 'Status',
    holder: 'Holder',
    issuedAt: 'Date of issue',
    expiresAt: 'Expiry date',
    registryNumber: 'Weapon registry number',
    make: 'Make',
    model: 'Model',
    type: 'Type',
    calibre: 'Calibre',
    serialNumber: 'Serial number',
    weaponStatus: 'Weapon status',
    ended: (status: string, since: string | null) => `This certificate is no longer in force (${status}${since ? ` since ${since}` : ''}).`,
  },
} satisfies Record<Language, unknown>;

/**
 * The certificate as a page an official can print and a holder can carry, in the report's
 * language: its number and status, the holder, the weapon's marking and the dates, codes
 * shown by their names.
 */
export function writeHoldingCertificatePdf(pdf: PdfSections, certificate: CertificateDocument): void {
  const { language } = pdf.cellContext;
  const text = TEXT[language];
  const { weapon, holder } = certificate;
  const day = (iso: string): string => formatDay(iso.slice(0, 10), language);
  pdf.heading(text.heading(certificate.number));
  pdf.note(text.preamble);
  pdf.startTable([
    { key: 'label', heading: { es: TEXT.es.fields[0], en: TEXT.en.fields[0] }, type: 'text', width: 1 },
    { key: 'value', heading: { es: TEXT.es.fields[1], en: TEXT.en.fields[1] }, type: 'text', width: 2.4 },
  ]);
  const rows: Array<[string, string]> = [
    [text.number, certificate.number],
    [text.status, displayName('certificateStatus', certificate.status, language)],
    [text.holder, holder.name],
    [text.issuedAt, formatTime(new Date(certificate.issuedAt), language)],
    [text.expiresAt, formatTime(new Date(certificate.expiresAt), language)],
    [text.registryNumber, weapon.registryNumber],
    [text.make, weapon.make],
    [text.model, weapon.model],
    [text.type, displayName('weaponType', weapon.type, language)],
    [text.calibre, weapon.calibre],
    [text.serialNumber, weapon.serialNumber],
    [text.weaponStatus, displayName('weaponStatus', weapon.status, language)],
  ];
  for (const [label, value] of rows) pdf.row({ label, value });
  pdf.endTable();
  if (certificate.supersededBy || certificate.endedAt) {
    pdf.note(text.ended(displayName('certificateStatus', certificate.status, language), certificate.endedAt ? day(certificate.endedAt) : null));
  }
}
