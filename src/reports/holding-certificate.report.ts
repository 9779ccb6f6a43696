import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { displayName } from '../i18n/display-names';
import type { Language } from '../i18n/language';
import type { CertificateDocument } from '../registry/certificates/holding-certificates.query';
import { type Column, panamaTime, type ReportRow } from './report-kinds';
import type { PdfReportWriter } from './report-pdf.writer';

/** params of `holding_certificate`. */
export class HoldingCertificateParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The holding certificate (GET /weapons/:id/certificates)' })
  @IsUUID('all', { message: 'certificateId must be a UUID' })
  certificateId: string;
}

const col = (key: string, heading: string): Column => ({ key, heading, type: 'text', width: 1 });

/** The CSV of a certificate: one row, the API's field names. */
export const HOLDING_CERTIFICATE_COLUMNS: readonly Column[] = [
  col('number', 'N.º de certificado'),
  col('status', 'Estado'),
  col('issuedAt', 'Expedido'),
  col('expiresAt', 'Vence'),
  col('holderName', 'Titular'),
  col('registryNumber', 'N.º de registro'),
  col('make', 'Marca'),
  col('model', 'Modelo'),
  col('type', 'Tipo'),
  col('calibre', 'Calibre'),
  col('serialNumber', 'Serie'),
];

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

const day = (iso: string): string => panamaTime(new Date(iso)).slice(0, 10);

/**
 * The certificate as a page an official can print and a holder can carry: its number and
 * status, the holder, the weapon's marking and the dates, codes shown by their names.
 */
export function writeHoldingCertificatePdf(pdf: PdfReportWriter, certificate: CertificateDocument, language: Language = 'es'): void {
  const { weapon, holder } = certificate;
  const field = (label: string, value: string): ReportRow => ({ label, value });
  pdf.heading(`Certificado N.º ${certificate.number}`);
  pdf.note(
    'Certificado de tenencia expedido por el Registro Nacional de Armas de Fuego conforme a la Ley 57 de 2011 (arts. 31 y 38). ' +
      'Acredita que el arma descrita está registrada a nombre del titular; no sustituye la licencia del titular.',
  );
  pdf.startTable([
    { key: 'label', heading: 'Dato', type: 'text', width: 1 },
    { key: 'value', heading: 'Valor', type: 'text', width: 2.4 },
  ]);
  for (const row of [
    field('Número de certificado', certificate.number),
    field('Estado', displayName('certificateStatus', certificate.status, language)),
    field('Titular', holder.name),
    field('Fecha de expedición', day(certificate.issuedAt)),
    field('Fecha de vencimiento', day(certificate.expiresAt)),
    field('N.º de registro del arma', weapon.registryNumber),
    field('Marca', weapon.make),
    field('Modelo', weapon.model),
    field('Tipo', displayName('weaponType', weapon.type, language)),
    field('Calibre', weapon.calibre),
    field('Número de serie', weapon.serialNumber),
    field('Estado del arma', displayName('weaponStatus', weapon.status, language)),
  ]) {
    pdf.row(row);
  }
  pdf.endTable();
  if (certificate.supersededBy || certificate.endedAt) {
    pdf.note(
      `Este certificado ya no está vigente (${displayName('certificateStatus', certificate.status, language)}` +
        `${certificate.endedAt ? ` desde ${day(certificate.endedAt)}` : ''}).`,
    );
  }
}
