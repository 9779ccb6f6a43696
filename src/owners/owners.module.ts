import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { ChangeOwnerStatusUseCase } from './change-owner-status.use-case';
import { CourtOrders } from './court-orders.service';
import { EvidenceQuery } from './evidence.query';
import { ExpiringLicences } from './expiring-licences.query';
import { CreateOwnerUseCase } from './create-owner.use-case';
import { HolderChecks } from './holder-checks.service';
import { HolderStandingQuery } from './holder-standing.query';
import { IssueLicenceUseCase } from './issue-licence.use-case';
import { LicencesController } from './licences.controller';
import { OwnersController } from './owners.controller';
import { OwnersQuery } from './owners.query';
import { RecordEvidenceUseCase } from './record-evidence.use-case';
import { ReinstateLicenceUseCase } from './reinstate-licence.use-case';
import { RenewLicenceUseCase } from './renew-licence.use-case';
import { RevokeLicenceUseCase } from './revoke-licence.use-case';
import { SuspendLicenceUseCase } from './suspend-licence.use-case';
import { UpdateOwnerUseCase } from './update-owner.use-case';

/** Owners, their licences and the evidence behind them; other modules see holders only through HolderChecks and HolderStandingQuery. */
@Module({
  imports: [ReferenceModule],
  controllers: [OwnersController, LicencesController],
  providers: [
    CreateOwnerUseCase,
    UpdateOwnerUseCase,
    ChangeOwnerStatusUseCase,
    IssueLicenceUseCase,
    RevokeLicenceUseCase,
    SuspendLicenceUseCase,
    ReinstateLicenceUseCase,
    RenewLicenceUseCase,
    RecordEvidenceUseCase,
    EvidenceQuery,
    CourtOrders,
    ExpiringLicences,
    OwnersQuery,
    HolderChecks,
    HolderStandingQuery,
  ],
  exports: [HolderChecks, HolderStandingQuery, OwnersQuery, CourtOrders, EvidenceQuery, ExpiringLicences],
})
export class OwnersModule {}
