import { Injectable } from '@nestjs/common';
import { ExpiringLicences } from '../owners/expiring-licences.query';
import type { ExpiringDocument, ExpiringDocumentSource } from './expiring-documents';

/** Licences (not revoked; suspended ones too, they still expire) through the owners module's query. */
@Injectable()
export class LicenceExpirySource implements ExpiringDocumentSource {
  readonly kind = 'licence_expiring' as const;

  constructor(private readonly licences: ExpiringLicences) {}

  async expiringBetween(firstDay: string, lastDay: string): Promise<ExpiringDocument[]> {
    const licences = await this.licences.between(firstDay, lastDay);
    return licences.map((licence) => ({
      ownerId: licence.ownerId,
      district: licence.district,
      documentId: licence.id,
      documentNumber: licence.number,
      expiresAt: licence.expiresAt,
    }));
  }
}
