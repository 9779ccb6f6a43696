import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { OwnersModule } from '../owners/owners.module';
import { RegistryModule } from '../registry/registry.module';
import { IssueProhibitionUseCase } from './issue-prohibition.use-case';
import { LiftProhibitionUseCase } from './lift-prohibition.use-case';
import { ProhibitionsController } from './prohibitions.controller';
import { ProhibitionsQuery } from './prohibitions.query';

/**
 * Court prohibitions: a module of its own because an order reaches owners and licences
 * (OwnersModule's CourtOrders), the weapons in the owner's hands (RegistryModule) and alerts.
 */
@Module({
  imports: [OwnersModule, RegistryModule, AlertsModule],
  controllers: [ProhibitionsController],
  providers: [IssueProhibitionUseCase, LiftProhibitionUseCase, ProhibitionsQuery],
})
export class ProhibitionsModule {}
