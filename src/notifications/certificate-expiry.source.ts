import { Injectable } from '@nestjs/common';
import { HoldingCertificatesQuery } from '../registry/certificates/holding-certificates.query';
import type { ExpiringDocument, ExpiringDocumentSource } from './expiring-documents';

/** Holding certificates in force (`valid`) through the registry's query; the holder's district is the weapon's. */
@Injectable()
export class CertificateExpirySource implements ExpiringDocumentSource {
  readonly kind = 'certificate_expiring' as const;

  constructor(private readonly certificates: HoldingCertificatesQuery) {}

  async expiringBetween(firstDay: string, lastDay: string): Promise<ExpiringDocument[]> {
    const certificates = await this.certificates.expiringBetween(firstDay, lastDay);
    return certificates.map((certificate) => {
      // A certificate always names a registered weapon; one that does not is a fault to see, not to skip.
      if (certificate.district === null) throw new Error(`holding certificate ${certificate.number} names no registered weapon`);
      return {
        ownerId: certificate.holderId,
        district: certificate.district,
        documentId: certificate.id,
        documentNumber: certificate.number,
        expiresAt: certificate.expiresOn,
      };
    });
  }
}
