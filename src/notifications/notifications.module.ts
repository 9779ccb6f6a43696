import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { RegistryModule } from '../registry/registry.module';
import { CertificateExpirySource } from './certificate-expiry.source';
import { DeliverNotificationUseCase } from './deliver-notification.use-case';
import { EXPIRING_DOCUMENT_SOURCES, type ExpiringDocumentSource } from './expiring-documents';
import { LicenceExpirySource } from './licence-expiry.source';
import { NotificationDeliveryProcessor } from './notification-delivery.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsQuery } from './notifications.query';
import { RemindersProcessor } from './reminders.processor';
import { RemindersSchedule } from './reminders.schedule';
import { RequestRemindersUseCase } from './request-reminders.use-case';
import { WriteRemindersUseCase } from './write-reminders.use-case';

/**
 * Renewal reminders: the daily job (and POST /notifications/run) writes them from each
 * expiring-document source, and each is delivered to the webhook through the queue. A new kind
 * of document is one more source in EXPIRING_DOCUMENT_SOURCES.
 */
@Module({
  imports: [OwnersModule, RegistryModule],
  controllers: [NotificationsController],
  providers: [
    LicenceExpirySource,
    CertificateExpirySource,
    {
      provide: EXPIRING_DOCUMENT_SOURCES,
      inject: [LicenceExpirySource, CertificateExpirySource],
      useFactory: (...sources: ExpiringDocumentSource[]): readonly ExpiringDocumentSource[] => sources,
    },
    RequestRemindersUseCase,
    WriteRemindersUseCase,
    DeliverNotificationUseCase,
    RemindersProcessor,
    NotificationDeliveryProcessor,
    RemindersSchedule,
    NotificationsQuery,
  ],
})
export class NotificationsModule {}
