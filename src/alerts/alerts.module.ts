import { Module } from '@nestjs/common';
import { AcknowledgeAlertUseCase } from './acknowledge-alert.use-case';
import { AlertsController } from './alerts.controller';
import { AlertsQuery } from './alerts.query';
import { AlertsService } from './alerts.service';

/**
 * Stolen-weapon alerts. A module of its own, depending on nothing but the database and the
 * audit log, so the registry (refused registrations) and tracing (searches, requests) can
 * both raise alerts without depending on each other.
 */
@Module({
  controllers: [AlertsController],
  providers: [AlertsService, AlertsQuery, AcknowledgeAlertUseCase],
  exports: [AlertsService],
})
export class AlertsModule {}
